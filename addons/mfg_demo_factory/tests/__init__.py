from . import test_demo_factory
from . import test_demo_kiosk
from . import test_demo_logins
from . import test_demo_people
