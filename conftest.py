"""Project-wide pytest rules: a skipped test is a failed run.

Odoo skips browser tours silently when Chromium or websocket-client is missing, and pytest-odoo
skips HttpCase tests without --odoo-http; a green run must mean every test really ran.
"""

_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped:
        terminalreporter.write_line(
            f"FAILED: {len(_skipped)} test(s) were skipped; skips count as failures here:",
            red=True,
        )
        for nodeid in _skipped:
            terminalreporter.write_line("  " + nodeid, red=True)
