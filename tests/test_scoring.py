"""Tests of the pure scoring engine addons/mfg_appraisal/scoring.py (no Odoo needed)."""

import ast
import importlib.util
import random
import re
import sys
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

SCORING_PATH = Path(__file__).resolve().parents[1] / "addons" / "mfg_appraisal" / "scoring.py"


def load_scoring():
    """Import scoring.py by file path, so that neither Odoo nor the addon package is needed."""
    spec = importlib.util.spec_from_file_location("mfg_appraisal_scoring", SCORING_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building classes
    spec.loader.exec_module(module)
    return module


sc = load_scoring()


Band, Level, GradeThresholds = sc.Band, sc.Level, sc.GradeThresholds
FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The seed's sheets (seed 004).
EQUIPMENT_WEIGHTS = (10, 10, 15, 15, 15, 15, 5, 5, 10)  # 车间设备管理员工作业绩考核表
ATTITUDE_WEIGHTS = (15, 5, 10, 15, 10, 10, 5, 10, 15, 5)  # 工作态度和能力考核表
ATTITUDE_RATERS = {"self": 30, "superior": 70}
DIRECTOR_WEIGHTS = (20, 20, 20, 10, 10, 10, 10)  # 车间主任绩效考核指标表
TEAM_LEADER_WEIGHTS = (15, 15, 10, 10, 10, 10, 10, 10, 5, 5)  # 班组长绩效考核表示例
DIRECTOR_LEVELS = [Level(91, 100), Level(81, 90), Level(71, 80), Level(51, 70), Level(0, 50)]
AMOUNTS = {"tier_1": 800, "tier_2": 500, "tier_3": 200}


def assert_error(call, msg, params):
    """``call()`` raises ScoringError with exactly ``msg`` and ``params``."""
    with pytest.raises(sc.ScoringError) as info:
        call()
    error = info.value
    assert isinstance(error, ValueError)
    assert error.msg == msg
    assert error.params == params
    assert str(error) == msg % params
    return error


# --- strategies --------------------------------------------------------------------------------
scores_2dp = st.integers(0, 10000).map(lambda h: h / 100)


@st.composite
def weight_lists(draw, min_size=1, max_size=10):
    """Integer weights (>= 1) adding up to exactly 100."""
    size = draw(st.integers(min_size, max_size))
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=size - 1, max_size=size - 1)))
    bounds = [0, *cuts, 100]
    return [high - low for low, high in zip(bounds, bounds[1:], strict=False)]


@st.composite
def band_sets(draw):
    """A valid band set (ascending values), its score ranges rising with the value ('higher')."""
    size = draw(st.integers(1, 6))
    edges = sorted(draw(st.sets(st.integers(0, 200), min_size=size + 1, max_size=size + 1)))
    score_edges = sorted(draw(st.lists(st.integers(0, 100), min_size=2 * size, max_size=2 * size)))
    bands = []
    for index in range(size):
        low, high = edges[index], edges[index + 1]
        if index == 0 and draw(st.booleans()):
            low = None
        if index == size - 1 and draw(st.booleans()):
            high = None
        smin, smax = score_edges[2 * index], score_edges[2 * index + 1]
        bands.append(Band(low, high, True, False, smin, smax))
    top = bands[-1]
    if top.high is not None and draw(st.booleans()):
        if draw(st.booleans()):
            # Close the top band: [low, high].
            bands[-1] = Band(top.low, top.high, True, True, top.score_min, top.score_max)
        else:
            # An exact-value band on top, like the seed's "A = 100%".
            point_min = draw(st.integers(top.score_max, 100))
            bands.append(Band.point(top.high, point_min, draw(st.integers(point_min, 100))))
    return bands


def mirrored(bands):
    """The same band set for direction 'lower': values negated, so better is lower."""
    return [
        Band(
            None if band.high is None else -band.high,
            None if band.low is None else -band.low,
            band.high_inclusive,
            band.low_inclusive,
            band.score_min,
            band.score_max,
        )
        for band in bands
    ]


# --- module hygiene ----------------------------------------------------------------------------
def test_module_imports_only_the_standard_library():
    tree = ast.parse(SCORING_PATH.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative import"
            roots.add(node.module.split(".")[0])
    assert "odoo" not in roots
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}


def test_messages_are_constant_named_format_strings():
    messages = {name: value for name, value in vars(sc).items() if name.startswith("MSG_")}
    assert len(messages) >= 30
    for name, message in messages.items():
        assert isinstance(message, str), name
        # Only named placeholders (%(x)s) and literal %%: translatable without reordering issues.
        assert not re.search(r"%(?![(%])", message.replace("%%", "")), name
        assert message.endswith("."), name
        message % defaultdict(str)  # interpolates with any named parameters


def test_messages_are_marked_for_translation_export():
    """Each MSG_* is `_lt("literal")`, so Odoo's .pot export (keywords _ and _lt) finds it."""
    tree = ast.parse(SCORING_PATH.read_text(encoding="utf-8"))
    marked = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id.startswith("MSG_"):
            call = node.value
            assert isinstance(call, ast.Call) and call.func.id == "_lt", node.targets[0].id
            assert isinstance(call.args[0], ast.Constant), node.targets[0].id
            marked[node.targets[0].id] = call.args[0].value
    assert marked == {name: value for name, value in vars(sc).items() if name.startswith("MSG_")}


def test_scoring_error_interface():
    error = sc.ScoringError(sc.MSG_WEIGHTS_TOTAL, {"what": "the section", "total": "90"})
    assert isinstance(error, ValueError)
    assert error.msg == "Weights of %(what)s add up to %(total)s%%, not 100%%."
    assert error.params == {"what": "the section", "total": "90"}
    assert str(error) == "Weights of the section add up to 90%, not 100%."
    bare = sc.ScoringError(sc.MSG_NO_BANDS)
    assert bare.params == {}
    assert str(bare) == "At least one band is required."


def test_round_score_is_half_up():
    assert sc.round_score(2.675) == 2.68  # float round() gives 2.67
    assert sc.round_score(85.305) == 85.31
    assert sc.round_score(84.994) == 84.99
    assert sc.round_score(Decimal("59.995")) == 60.0
    assert_error(lambda: sc.round_score("1"), sc.MSG_NOT_NUMBER, {"name": "value", "value": "'1'"})


# --- weights and weighted totals ---------------------------------------------------------------
@FAST
@given(score=scores_2dp, weights=weight_lists())
def test_weighted_total_of_equal_scores_is_that_score(score, weights):
    assert sc.weighted_total([(score, weight) for weight in weights]) == score


@FAST
@given(data=st.data(), weights=weight_lists())
def test_weighted_total_lies_between_the_line_scores(data, weights):
    scores = data.draw(st.lists(scores_2dp, min_size=len(weights), max_size=len(weights)))
    total = sc.weighted_total(zip(scores, weights, strict=True))
    assert 0 <= total <= 100
    assert min(scores) <= total <= max(scores)


def test_weighted_total_examples():
    assert sc.weighted_total([(90, 50), (80, 50)]) == 85.0
    # 85.35 x 70% + 85.2 x 30% = 59.745 + 25.56 = 85.305 -> 85.31 (half up, exact decimals)
    assert sc.weighted_total([(85.35, 70), (85.2, 30)]) == 85.31
    assert sc.weighted_total([(100, 100)]) == 100.0
    assert sc.weighted_total([(0, 60), (100, 40)]) == 40.0
    # Weights within 1e-6 of 100 are accepted.
    assert sc.weighted_total([(90, 33.3333333), (90, 33.3333333), (90, 33.3333334)]) == 90.0
    assert sc.weighted_total([(90, 50), (60, 49.9999995)]) == 75.0


def test_check_weights():
    assert sc.check_weights([70, 30], "the sheet") == 100.0
    assert sc.check_weights(EQUIPMENT_WEIGHTS, "the equipment sheet") == 100.0
    assert sc.check_weights(ATTITUDE_WEIGHTS, "the attitude sheet") == 100.0
    assert sc.check_weights(DIRECTOR_WEIGHTS, "the director sheet") == 100.0
    assert sc.check_weights(TEAM_LEADER_WEIGHTS, "the team leader sheet") == 100.0
    assert sc.check_weights([0, 100], "the sheet") == 100.0


def test_weight_errors():
    total = sc.MSG_WEIGHTS_TOTAL
    assert_error(
        lambda: sc.check_weights([70, 20], "the sheet"), total, {"what": "the sheet", "total": "90"}
    )
    assert_error(lambda: sc.check_weights([], "x"), total, {"what": "x", "total": "0"})
    assert_error(
        lambda: sc.check_weights([33.33, 33.33, 33.33], "the sheet"),
        total,
        {"what": "the sheet", "total": "99.99"},
    )
    assert_error(
        lambda: sc.check_weights([60, 40.000002], "the sheet"),
        total,
        {"what": "the sheet", "total": "100.000002"},
    )
    assert_error(
        lambda: sc.check_weights([110, -10], "the sheet"),
        sc.MSG_WEIGHT_NEGATIVE,
        {"weight": "-10", "what": "the sheet"},
    )
    assert_error(
        lambda: sc.check_weights([50, None], "the sheet"),
        sc.MSG_NOT_NUMBER,
        {"name": "weight", "value": "None"},
    )
    assert_error(
        lambda: sc.check_weights([50, float("nan")], "the sheet"),
        sc.MSG_NOT_NUMBER,
        {"name": "weight", "value": "nan"},
    )


def test_weighted_total_errors():
    assert_error(
        lambda: sc.weighted_total([(90, 50), (80, 40)]),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "the section", "total": "90"},
    )
    assert_error(
        lambda: sc.weighted_total([(90, 50), (100.5, 50)], what="the performance sheet"),
        sc.MSG_LINE_SCORE_RANGE,
        {"score": "100.5", "line": 2, "what": "the performance sheet"},
    )
    assert_error(
        lambda: sc.weighted_total([(-1, 100)]),
        sc.MSG_LINE_SCORE_RANGE,
        {"score": "-1", "line": 1, "what": "the section"},
    )
    assert_error(
        lambda: sc.weighted_total([(True, 100)]),
        sc.MSG_NOT_NUMBER,
        {"name": "score", "value": "True"},
    )
    assert_error(
        lambda: sc.weighted_total([(float("inf"), 100)]),
        sc.MSG_NOT_NUMBER,
        {"name": "score", "value": "inf"},
    )


# --- linear deduction --------------------------------------------------------------------------
linear_params = st.fixed_dictionaries(
    {
        "target": st.integers(0, 200),
        "step": st.integers(1, 50).map(lambda n: n / 10),
        "deduction": st.integers(0, 200).map(lambda n: n / 4),
        "direction": st.sampled_from(sc.DIRECTIONS),
        "whole_steps": st.booleans(),
    }
)
actual_values = st.integers(-1000, 4000).map(lambda n: n / 10)


@FAST
@given(params=linear_params, first=actual_values, second=actual_values)
def test_linear_deduction_is_clamped_and_monotone(params, first, second):
    low, high = sorted((first, second))
    score_low = sc.linear_deduction(low, **params)
    score_high = sc.linear_deduction(high, **params)
    assert 0 <= score_low <= 100 and 0 <= score_high <= 100
    if params["direction"] == "higher":
        assert score_low <= score_high
    else:
        assert score_low >= score_high


@FAST
@given(params=linear_params, actual=actual_values)
def test_linear_deduction_whole_steps_never_deduct_more(params, actual):
    params = dict(params, whole_steps=False)
    exact = sc.linear_deduction(actual, **params)
    whole = sc.linear_deduction(actual, **dict(params, whole_steps=True))
    assert whole >= exact


@FAST
@given(params=linear_params)
def test_linear_deduction_meeting_the_target_scores_100(params):
    assert sc.linear_deduction(params["target"], **params) == 100.0


def test_linear_deduction_examples():
    # 设备完好率: target 98%, each 1 point lower deducts 4: 96.5% -> 100 - 4 x 1.5 = 94
    assert sc.linear_deduction(96.5, 98, 1, 4, "higher") == 94.0
    assert sc.linear_deduction(96.5, 98, 1, 4, "higher", whole_steps=True) == 96.0
    assert sc.linear_deduction(99, 98, 1, 4, "higher") == 100.0
    # 单位产量维修费用: target 1.0 (10k yuan), each 0.1 more deducts 5: 1.3 -> 3 steps -> 85 exactly
    assert sc.linear_deduction(1.3, 1.0, 0.1, 5, "lower") == 85.0
    assert sc.linear_deduction(1.3, 1.0, 0.1, 5, "lower", whole_steps=True) == 85.0
    assert sc.linear_deduction(0.9, 1.0, 0.1, 5, "lower") == 100.0
    # 经济损失额: target 0 yuan, each 1000 more deducts 10: 2500 -> 75, whole steps -> 80
    assert sc.linear_deduction(2500, 0, 1000, 10, "zero") == 75.0
    assert sc.linear_deduction(2500, 0, 1000, 10, "zero", whole_steps=True) == 80.0
    # Clamped at 0.
    assert sc.linear_deduction(50, 100, 1, 10, "higher") == 0.0
    assert sc.linear_deduction(50, 100, 1, 0, "higher") == 100.0
    # Rounded to 2 decimals: 100 - 10 x (1 / 3) = 96.666... -> 96.67
    assert sc.linear_deduction(97, 98, 3, 10, "higher") == 96.67


def test_linear_deduction_errors():
    missing = sc.MSG_MISSING_PARAMETERS
    assert_error(
        lambda: sc.linear_deduction(90, None, None, 5, "higher"), missing, {"names": "target, step"}
    )
    assert_error(
        lambda: sc.linear_deduction(90, None, None, None, "higher"),
        missing,
        {"names": "target, step, deduction"},
    )
    assert_error(
        lambda: sc.linear_deduction(90, 95, 1, None, "lower"), missing, {"names": "deduction"}
    )
    assert_error(
        lambda: sc.linear_deduction(90, 95, 0, 5, "higher"),
        sc.MSG_NOT_POSITIVE,
        {"name": "step", "value": "0"},
    )
    assert_error(
        lambda: sc.linear_deduction(90, 95, -0.5, 5, "higher"),
        sc.MSG_NOT_POSITIVE,
        {"name": "step", "value": "-0.5"},
    )
    assert_error(
        lambda: sc.linear_deduction(90, 95, 1, -2, "higher"),
        sc.MSG_NEGATIVE,
        {"name": "deduction", "value": "-2"},
    )
    assert_error(
        lambda: sc.linear_deduction(90, 95, 1, 2, "up"),
        sc.MSG_BAD_DIRECTION,
        {"direction": "'up'"},
    )
    assert_error(
        lambda: sc.linear_deduction(None, 95, 1, 2, "higher"),
        sc.MSG_NOT_NUMBER,
        {"name": "actual", "value": "None"},
    )
    assert_error(
        lambda: sc.linear_deduction(90, "95", 1, 2, "higher"),
        sc.MSG_NOT_NUMBER,
        {"name": "target", "value": "'95'"},
    )


# --- occurrence count --------------------------------------------------------------------------
@FAST
@given(
    first=st.integers(0, 50),
    second=st.integers(0, 50),
    deduction=st.integers(0, 400).map(lambda n: n / 4),
    allowed=st.integers(0, 5),
)
def test_occurrence_count_is_clamped_and_decreasing(first, second, deduction, allowed):
    low, high = sorted((first, second))
    score_low = sc.occurrence_count(low, deduction, allowed)
    score_high = sc.occurrence_count(high, deduction, allowed)
    assert 0 <= score_high <= score_low <= 100
    assert sc.occurrence_count(low, deduction, allowed, major_event=True) == 0.0
    if low <= allowed:
        assert score_low == 100.0


def test_occurrence_count_examples():
    # 生产安全事故发生次数: target 0, each accident deducts 30.
    assert sc.occurrence_count(0, 30) == 100.0
    assert sc.occurrence_count(2, 30) == 40.0
    assert sc.occurrence_count(4, 30) == 0.0
    # 造成重大损失或恶劣社会影响的，该项不得分
    assert sc.occurrence_count(1, 30, major_event=True) == 0.0
    assert sc.occurrence_count(0, 30, major_event=True) == 0.0
    # 迟到早退次数不超过 2 次，每超出一次扣 12.5 分
    assert sc.occurrence_count(2, 12.5, allowed=2) == 100.0
    assert sc.occurrence_count(5, 12.5, allowed=2) == 62.5
    # 每出现 N 次减 D 分 (issue 11 §9): each 2 occurrences deduct 10; an odd one does not yet.
    assert sc.occurrence_count(3, 10, per=2) == 90.0
    assert sc.occurrence_count(4, 10, per=2) == 80.0
    assert sc.occurrence_count(5, 10, allowed=1, per=2) == 80.0


def test_occurrence_count_errors():
    count = sc.MSG_NOT_COUNT
    assert_error(lambda: sc.occurrence_count(-1, 5), count, {"name": "count", "value": "-1"})
    assert_error(lambda: sc.occurrence_count(1.5, 5), count, {"name": "count", "value": "1.5"})
    assert_error(lambda: sc.occurrence_count(True, 5), count, {"name": "count", "value": "True"})
    assert_error(lambda: sc.occurrence_count(1, 5, -1), count, {"name": "allowed", "value": "-1"})
    assert_error(
        lambda: sc.occurrence_count(1, None), sc.MSG_MISSING_PARAMETERS, {"names": "deduction"}
    )
    assert_error(
        lambda: sc.occurrence_count(1, -5), sc.MSG_NEGATIVE, {"name": "deduction", "value": "-5"}
    )
    assert_error(
        lambda: sc.occurrence_count(1, 5, per=0), sc.MSG_NOT_POSITIVE, {"name": "per", "value": "0"}
    )


# --- bands -------------------------------------------------------------------------------------
def test_seed_band_sets_are_valid():
    for direction, bands in sc.DIRECTOR_BAND_SETS.values():
        assert len(bands) == 5
        ordered = sc.validate_bands(bands, direction)
        assert set(ordered) == set(bands)
        assert sc.validate_bands(bands) == ordered
    assert sc.DIRECTOR_BAND_SETS["plan_completion"][1] is sc.PLAN_COMPLETION_BANDS
    assert sc.DIRECTOR_BAND_SETS["material_consumption"][0] == "lower"


def test_seed_band_constants_match_the_seed():
    def table(bands):
        return [
            (b.low, b.high, b.low_inclusive, b.high_inclusive, b.score_min, b.score_max)
            for b in bands
        ]

    assert table(sc.PLAN_COMPLETION_BANDS) == [
        (100, 100, True, True, 91, 100),  # A = 100%
        (95, 100, True, False, 81, 90),
        (90, 95, True, False, 71, 80),
        (80, 90, True, False, 51, 70),
        (None, 80, False, False, 0, 50),  # A < 80%
    ]
    assert table(sc.MATERIAL_CONSUMPTION_BANDS) == [
        (None, 100, False, True, 91, 100),  # B = 100%, and B < 100% reads as the best band
        (100, 105, False, False, 81, 90),  # 100% <= B < 105%: the point B = 100% wins
        (105, 110, True, False, 71, 80),
        (110, 120, True, True, 51, 70),  # closes the seed's gap at B = 120%
        (120, None, False, False, 0, 50),  # B > 120%
    ]
    assert table(sc.QUALITY_PASS_BANDS) == [
        (100, 100, True, True, 100, 100),  # C = 100% -> 100
        (95, 100, True, False, 85, 99),
        (90, 95, True, False, 65, 84),
        (80, 90, True, False, 50, 64),
        (None, 80, False, False, 0, 49),
    ]


def test_seed_literal_material_bands_are_rejected():
    """Read literally, the seed's B bands overlap at 100% and leave 120% uncovered."""
    point = Band.point(100, 91, 100, "B=100%")
    literal = Band(100, 105, True, False, 81, 90, "100%<=B<105%")
    assert_error(
        lambda: sc.validate_bands([point, literal]),
        sc.MSG_BAND_OVERLAP,
        {"first": "B=100%", "second": "100%<=B<105%"},
    )
    below_120 = Band(110, 120, True, False, 51, 70, "110%<=B<120%")
    above_120 = Band(120, None, False, False, 0, 50, "B>120%")
    assert_error(
        lambda: sc.validate_bands([above_120, below_120]),
        sc.MSG_BAND_GAP,
        {"first": "110%<=B<120%", "second": "B>120%"},
    )


@pytest.mark.parametrize(
    ("actual", "label"),
    [
        (100, "A = 100%"),
        (99.99, "95% <= A < 100%"),
        (95, "95% <= A < 100%"),
        (94.99, "90% <= A < 95%"),
        (80, "80% <= A < 90%"),
        (79.99, "A < 80%"),
        (0, "A < 80%"),
    ],
)
def test_find_band_plan_completion(actual, label):
    assert sc.find_band(sc.PLAN_COMPLETION_BANDS, actual).label == label


@pytest.mark.parametrize(
    ("actual", "label"),
    [
        (90, "B <= 100%"),
        (100, "B <= 100%"),
        (100.01, "100% < B < 105%"),
        (105, "105% <= B < 110%"),
        (120, "110% <= B <= 120%"),
        (120.01, "B > 120%"),
    ],
)
def test_find_band_material_consumption(actual, label):
    assert sc.find_band(sc.MATERIAL_CONSUMPTION_BANDS, actual).label == label


def test_find_band_outside_every_band():
    assert_error(
        lambda: sc.find_band(sc.PLAN_COMPLETION_BANDS, 100.5), sc.MSG_NO_BAND, {"value": "100.5"}
    )
    assert_error(
        lambda: sc.find_band([Band(0, 10), Band(10, 20)], 20), sc.MSG_NO_BAND, {"value": "20"}
    )


@pytest.mark.parametrize(
    ("key", "actual", "expected"),
    [
        # A (higher): [95, 100) -> 81..90: 97 -> 81 + 9 x (2 / 5) = 84.6
        ("plan_completion", 97, 84.6),
        ("plan_completion", 95, 81.0),
        ("plan_completion", 99.99, 89.98),  # 81 + 9 x 4.99 / 5 = 89.982
        ("plan_completion", 100, 100.0),  # single point: score_max
        ("plan_completion", 85, 60.5),  # 51 + 19 x 0.5
        # A < 80 -> 0..50 over the neighbour's width 10, i.e. from 70 to 80.
        ("plan_completion", 79.99, 49.95),
        ("plan_completion", 75, 25.0),
        ("plan_completion", 70, 0.0),
        ("plan_completion", 12, 0.0),
        # B (lower): B <= 100% -> 100; (100, 105) -> 90..81: 102 -> 90 - 9 x 0.4 = 86.4
        ("material_consumption", 80, 100.0),
        ("material_consumption", 100, 100.0),
        ("material_consumption", 102, 86.4),
        ("material_consumption", 107, 76.4),
        ("material_consumption", 110, 70.0),
        ("material_consumption", 120, 51.0),
        # B > 120 -> 50..0 over the neighbour's width 10, i.e. from 120 to 130.
        ("material_consumption", 125, 25.0),
        ("material_consumption", 130, 0.0),
        ("material_consumption", 300, 0.0),
        # C (higher): [95, 100) -> 85..99: 96 -> 85 + 14 x 0.2 = 87.8
        ("quality_pass", 96, 87.8),
        ("quality_pass", 100, 100.0),
        ("quality_pass", 90, 65.0),
        ("quality_pass", 78, 39.2),  # 49 x 0.8
    ],
)
def test_band_score_seed_examples(key, actual, expected):
    direction, bands = sc.DIRECTOR_BAND_SETS[key]
    assert sc.band_score(bands, actual, direction) == expected


@FAST
@given(
    key=st.sampled_from(sorted(sc.DIRECTOR_BAND_SETS)),
    first=st.integers(0, 15000).map(lambda n: n / 100),
    second=st.integers(0, 15000).map(lambda n: n / 100),
)
def test_band_score_seed_sets_monotone(key, first, second):
    direction, bands = sc.DIRECTOR_BAND_SETS[key]
    low, high = sorted((first, second))
    if direction == "higher":
        assume(high <= 100)
    score_low = sc.band_score(bands, low, direction)
    score_high = sc.band_score(bands, high, direction)
    assert 0 <= min(score_low, score_high) <= max(score_low, score_high) <= 100
    if direction == "higher":
        assert score_low <= score_high
    else:
        assert score_low >= score_high
    band = sc.find_band(bands, low)
    assert sc.check_band_override(band, score_low) == score_low


@FAST
@given(bands=band_sets(), data=st.data())
def test_band_score_generated_sets(bands, data):
    sc.validate_bands(bands, "higher")
    lower_bands = mirrored(bands)
    sc.validate_bands(lower_bands, "lower")
    sc.validate_bands(lower_bands, "zero")
    low_end = -50 if bands[0].low is None else bands[0].low
    high_end = 250 if bands[-1].high is None else bands[-1].high
    values = st.integers(int(low_end * 4), int(high_end * 4)).map(lambda n: n / 4)
    first, second = sorted((data.draw(values), data.draw(values)))
    inside = [v for v in (first, second) if any(_contains(b, v) for b in bands)]
    assume(len(inside) == 2)
    score_first = sc.band_score(bands, first, "higher")
    score_second = sc.band_score(bands, second, "higher")
    assert score_first <= score_second
    for value, score in ((first, score_first), (second, score_second)):
        band = sc.find_band(bands, value)
        assert band.score_min <= score <= band.score_max
        # The same set mirrored for 'lower' gives the same scores.
        assert sc.band_score(lower_bands, -value, "lower") == score
        assert sc.band_score(lower_bands, -value, "zero") == score


def _contains(band, value):
    above = band.low is None or value > band.low or (band.low_inclusive and value == band.low)
    below = band.high is None or value < band.high or (band.high_inclusive and value == band.high)
    return above and below


def test_band_score_unbounded_rules():
    # Both bands unbounded: the favourable one gives score_max, the other one its midpoint.
    two = [Band(None, 50, False, False, 0, 59), Band(50, None, True, False, 60, 100)]
    assert sc.band_score(two, 40, "higher") == 29.5
    assert sc.band_score(two, -1000, "higher") == 29.5
    assert sc.band_score(two, 70, "higher") == 100.0
    assert sc.band_score(two, 50, "higher") == 100.0
    # A single-point neighbour has no width: the reference is the next band, (80, 90), width 10.
    with_point = [
        Band(None, 80, False, False, 0, 50),
        Band.point(80, 55, 55),
        Band(80, 90, False, False, 60, 70),
        Band(90, 100, True, True, 71, 100),
    ]
    sc.validate_bands(with_point, "higher")
    assert sc.band_score(with_point, 75, "higher") == 25.0
    assert sc.band_score(with_point, 80, "higher") == 55.0
    assert sc.band_score(with_point, 85, "higher") == 65.0
    # A lone unbounded band.
    everything = [Band(None, None, False, False, 40, 60)]
    assert sc.band_score(everything, 12345, "higher") == 60.0
    assert sc.band_score(everything, -5, "lower") == 60.0


def test_band_interval_and_describe():
    assert Band(95, 100).interval() == "[95, 100)"
    assert Band(100, 105, False, False).interval() == "(100, 105)"
    assert Band.point(100, 91, 100).interval() == "[100, 100]"
    assert Band(None, 80, False, False).interval() == "(-inf, 80)"
    assert Band(120, None, False, False).interval() == "(120, +inf)"
    assert Band(95.5, 100.25).describe() == "[95.5, 100.25)"
    assert Band(95, 100, label="95% <= A < 100%").describe() == "95% <= A < 100%"


def test_validate_bands_errors():
    assert_error(lambda: sc.validate_bands([]), sc.MSG_NO_BANDS, {})
    assert_error(
        lambda: sc.validate_bands([Band(0, 50), Band(40, 100)]),
        sc.MSG_BAND_OVERLAP,
        {"first": "[0, 50)", "second": "[40, 100)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(0, 50, True, True), Band(50, 100)]),
        sc.MSG_BAND_OVERLAP,
        {"first": "[0, 50]", "second": "[50, 100)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(50, None, True, False), Band(60, None, True, False)]),
        sc.MSG_BAND_OVERLAP,
        {"first": "[50, +inf)", "second": "[60, +inf)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(None, 50, False, False), Band(None, 60, False, False)]),
        sc.MSG_BAND_OVERLAP,
        {"first": "(-inf, 50)", "second": "(-inf, 60)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(60, 100), Band(0, 50)]),
        sc.MSG_BAND_GAP,
        {"first": "[0, 50)", "second": "[60, 100)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(0, 50), Band(50, 100, False, False)]),
        sc.MSG_BAND_GAP,
        {"first": "[0, 50)", "second": "(50, 100)"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(0, 50, score_min=70, score_max=60)]),
        sc.MSG_BAND_SCORE_ORDER,
        {"band": "[0, 50)", "score_min": "70", "score_max": "60"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(0, 50, score_min=90, score_max=101)]),
        sc.MSG_BAND_SCORE_RANGE,
        {"band": "[0, 50)", "score_min": "90", "score_max": "101"},
    )
    assert_error(
        lambda: sc.validate_bands([Band(0, 50, score_min=-1, score_max=10, label="low")]),
        sc.MSG_BAND_SCORE_RANGE,
        {"band": "low", "score_min": "-1", "score_max": "10"},
    )
    assert_error(lambda: sc.validate_bands([Band(50, 50)]), sc.MSG_BAND_EMPTY, {"band": "[50, 50)"})
    assert_error(lambda: sc.validate_bands([Band(60, 50)]), sc.MSG_BAND_EMPTY, {"band": "[60, 50)"})
    assert_error(
        lambda: sc.validate_bands([Band("0", 50)]),
        sc.MSG_NOT_NUMBER,
        {"name": "low", "value": "'0'"},
    )
    assert_error(
        lambda: sc.validate_bands(sc.PLAN_COMPLETION_BANDS, "lower"),
        sc.MSG_BAND_ORDER,
        {"better": "A < 80%", "worse": "80% <= A < 90%"},
    )
    assert_error(
        lambda: sc.validate_bands(sc.MATERIAL_CONSUMPTION_BANDS, "higher"),
        sc.MSG_BAND_ORDER,
        {"better": "100% < B < 105%", "worse": "B <= 100%"},
    )
    assert_error(
        lambda: sc.validate_bands(sc.PLAN_COMPLETION_BANDS, "sideways"),
        sc.MSG_BAD_DIRECTION,
        {"direction": "'sideways'"},
    )


def test_band_score_and_find_band_errors():
    assert_error(
        lambda: sc.band_score(sc.PLAN_COMPLETION_BANDS, 90, "best"),
        sc.MSG_BAD_DIRECTION,
        {"direction": "'best'"},
    )
    assert_error(
        lambda: sc.band_score(sc.PLAN_COMPLETION_BANDS, None, "higher"),
        sc.MSG_NOT_NUMBER,
        {"name": "actual", "value": "None"},
    )
    assert_error(
        lambda: sc.band_score(sc.QUALITY_PASS_BANDS, 101, "higher"),
        sc.MSG_NO_BAND,
        {"value": "101"},
    )
    assert_error(
        lambda: sc.find_band([Band(0, 50), Band(40, 100)], 45),
        sc.MSG_BAND_OVERLAP,
        {"first": "[0, 50)", "second": "[40, 100)"},
    )


def test_check_band_override():
    band = sc.find_band(sc.PLAN_COMPLETION_BANDS, 97)
    assert sc.check_band_override(band, 81) == 81.0
    assert sc.check_band_override(band, 90) == 90.0
    assert sc.check_band_override(band, 85.5) == 85.5
    assert_error(
        lambda: sc.check_band_override(band, 91),
        sc.MSG_BAND_OVERRIDE,
        {"score": "91", "score_min": "81", "score_max": "90", "band": "95% <= A < 100%"},
    )
    assert_error(
        lambda: sc.check_band_override(Band(0, 10, score_min=20, score_max=30), 19.99),
        sc.MSG_BAND_OVERRIDE,
        {"score": "19.99", "score_min": "20", "score_max": "30", "band": "[0, 10)"},
    )
    assert_error(
        lambda: sc.check_band_override(Band(0, 10, score_min=40, score_max=30), 35),
        sc.MSG_BAND_SCORE_ORDER,
        {"band": "[0, 10)", "score_min": "40", "score_max": "30"},
    )


# --- qualitative levels ------------------------------------------------------------------------
def test_levels_of_the_director_sheet():
    sc.validate_levels(DIRECTOR_LEVELS)
    assert sc.check_level_score(DIRECTOR_LEVELS, 0, 95) == 95.0
    assert sc.check_level_score(DIRECTOR_LEVELS, 1, 81) == 81.0
    assert sc.check_level_score(DIRECTOR_LEVELS, 4, 0) == 0.0
    assert sc.check_level_score(DIRECTOR_LEVELS, 3, 65.5) == 65.5
    # Order does not matter for validation; gaps between levels are allowed.
    sc.validate_levels(list(reversed(DIRECTOR_LEVELS)))
    sc.validate_levels([Level(0, 10), Level(50, 60)])


def test_level_errors():
    assert_error(
        lambda: sc.check_level_score(DIRECTOR_LEVELS, 1, 91),
        sc.MSG_LEVEL_SCORE,
        {"score": "91", "score_min": "81", "score_max": "90", "level": "81..90"},
    )
    labelled = [Level(91, 100, "没有生产事故"), Level(0, 90, "有生产事故")]
    assert_error(
        lambda: sc.check_level_score(labelled, 0, 90.5),
        sc.MSG_LEVEL_SCORE,
        {"score": "90.5", "score_min": "91", "score_max": "100", "level": "没有生产事故"},
    )
    assert_error(
        lambda: sc.check_level_score(DIRECTOR_LEVELS, 5, 50),
        sc.MSG_LEVEL_INDEX,
        {"index": 5, "last": 4},
    )
    assert_error(
        lambda: sc.check_level_score(DIRECTOR_LEVELS, -1, 50),
        sc.MSG_LEVEL_INDEX,
        {"index": -1, "last": 4},
    )
    assert_error(
        lambda: sc.check_level_score(DIRECTOR_LEVELS, True, 95),
        sc.MSG_LEVEL_INDEX,
        {"index": "True", "last": 4},
    )
    assert_error(
        lambda: sc.check_level_score(DIRECTOR_LEVELS, 0, "95"),
        sc.MSG_NOT_NUMBER,
        {"name": "score", "value": "'95'"},
    )
    assert_error(lambda: sc.validate_levels([]), sc.MSG_NO_LEVELS, {})
    assert_error(
        lambda: sc.validate_levels([Level(81, 91), Level(91, 100)]),
        sc.MSG_LEVEL_OVERLAP,
        {"first": "81..91", "second": "91..100"},
    )
    assert_error(
        lambda: sc.validate_levels([Level(0, 100, "all"), Level(40, 50, "some")]),
        sc.MSG_LEVEL_OVERLAP,
        {"first": "all", "second": "some"},
    )
    assert_error(
        lambda: sc.validate_levels([Level(90, 80)]),
        sc.MSG_LEVEL_SCORE_ORDER,
        {"level": "90..80", "score_min": "90", "score_max": "80"},
    )
    assert_error(
        lambda: sc.validate_levels([Level(90, 110)]),
        sc.MSG_LEVEL_SCORE_RANGE,
        {"level": "90..110", "score_min": "90", "score_max": "110"},
    )


# --- direct rating by rater roles --------------------------------------------------------------
@FAST
@given(
    score=scores_2dp,
    self_weight=st.integers(0, 100),
    raters=st.integers(1, 4),
)
def test_combine_raters_of_equal_scores(score, self_weight, raters):
    weights = {"self": self_weight, "superior": 100 - self_weight}
    by_role = {"self": score, "superior": [score] * raters}
    assert sc.combine_raters(by_role, weights) == score


def exact(value):
    """A float score as the exact decimal it shows."""
    return Fraction(Decimal(repr(value)))


@FAST
@given(
    self_score=scores_2dp,
    superior=st.lists(scores_2dp, min_size=1, max_size=5),
    present=st.sampled_from(["self", "superior", "both"]),
)
def test_combine_raters_means_and_redistribution(self_score, superior, present):
    by_role = {"self": [self_score], "superior": superior}
    mean = {role: sum(map(exact, scores)) / len(scores) for role, scores in by_role.items()}
    if present == "both":
        total = sc.combine_raters(by_role, ATTITUDE_RATERS)
        expected = (30 * mean["self"] + 70 * mean["superior"]) / 100
    else:
        total = sc.combine_raters({present: by_role[present]}, ATTITUDE_RATERS, redistribute=True)
        expected = mean[present]
    assert total == sc.round_score(expected)
    given_scores = by_role["self"] + superior if present == "both" else by_role[present]
    assert min(given_scores) <= total <= max(given_scores)


def test_combine_raters_examples():
    # 自评分 30% + 直接上级评分 70%: 80 x 0.3 + 90 x 0.7 = 24 + 63 = 87
    assert sc.combine_raters({"self": 80, "superior": 90}, ATTITUDE_RATERS) == 87.0
    # Two superiors average to 85: 80 x 0.3 + 85 x 0.7 = 24 + 59.5 = 83.5
    assert sc.combine_raters({"self": 80, "superior": [80, 90]}, ATTITUDE_RATERS) == 83.5
    assert sc.combine_raters({"self": [80], "superior": (90,)}, ATTITUDE_RATERS) == 87.0
    # Redistribution: only the superior answered -> the superior's score.
    only_superior = {"superior": 90}
    assert sc.combine_raters(only_superior, ATTITUDE_RATERS, redistribute=True) == 90.0
    # 第7条 roles: superior 50 / peer 30 / subordinate 20; no subordinate answered:
    # (50 x 90 + 30 x 70) / 80 = (4500 + 2100) / 80 = 82.5
    annual = {"superior": 50, "peer": 30, "subordinate": 20}
    scores = {"superior": 90, "peer": [60, 80], "subordinate": []}
    assert sc.combine_raters(scores, annual, redistribute=True) == 82.5
    # A role weighted 0 is never required.
    assert sc.combine_raters({"superior": 75}, {"self": 0, "superior": 100}) == 75.0
    assert sc.combine_raters({"self": 10, "superior": 75}, {"self": 0, "superior": 100}) == 75.0


def test_combine_raters_errors():
    assert_error(
        lambda: sc.combine_raters({"self": 80}, ATTITUDE_RATERS),
        sc.MSG_MISSING_ROLES,
        {"roles": "superior"},
    )
    assert_error(
        lambda: sc.combine_raters({"self": 80, "superior": None}, ATTITUDE_RATERS),
        sc.MSG_MISSING_ROLES,
        {"roles": "superior"},
    )
    assert_error(
        lambda: sc.combine_raters({}, ATTITUDE_RATERS),
        sc.MSG_MISSING_ROLES,
        {"roles": "self, superior"},
    )
    assert_error(
        lambda: sc.combine_raters({}, ATTITUDE_RATERS, redistribute=True),
        sc.MSG_NO_RATERS,
        {},
    )
    assert_error(
        lambda: sc.combine_raters({"self": 80, "superior": 90, "peer": 70}, ATTITUDE_RATERS),
        sc.MSG_UNKNOWN_ROLES,
        {"roles": "peer"},
    )
    assert_error(
        lambda: sc.combine_raters({"self": 80, "superior": 90}, {"self": 30, "superior": 60}),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "the rater roles", "total": "90"},
    )
    assert_error(
        lambda: sc.combine_raters({"self": 80, "superior": [90, 101]}, ATTITUDE_RATERS),
        sc.MSG_RATER_SCORE_RANGE,
        {"score": "101", "role": "superior"},
    )
    assert_error(
        lambda: sc.combine_raters({"self": "80", "superior": 90}, ATTITUDE_RATERS),
        sc.MSG_NOT_NUMBER,
        {"name": "score", "value": "'80'"},
    )
    assert_error(
        lambda: sc.combine_raters({"self": 80, "superior": [90, None]}, ATTITUDE_RATERS),
        sc.MSG_NOT_NUMBER,
        {"name": "score", "value": "None"},
    )


# --- grades ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (0, "fail"),
        (59.99, "fail"),
        (60, "pass"),
        (74.99, "pass"),
        (75, "good"),
        (84.99, "good"),
        (85, "excellent"),
        (100, "excellent"),
    ],
)
def test_grade_boundaries(score, grade):
    assert sc.grade_for(score) == grade
    assert sc.grade_for(score, sc.DEFAULT_GRADE_THRESHOLDS) == grade


def test_default_grade_thresholds():
    assert sc.DEFAULT_GRADE_THRESHOLDS == GradeThresholds(85, 75, 60)
    assert sc.GRADE_CODES == ("excellent", "good", "pass", "fail")


@FAST
@given(first=scores_2dp, second=scores_2dp)
def test_grade_is_monotone(first, second):
    rank = {code: index for index, code in enumerate(reversed(sc.GRADE_CODES))}
    low, high = sorted((first, second))
    assert rank[sc.grade_for(low)] <= rank[sc.grade_for(high)]
    expected = (
        "excellent" if high >= 85 else "good" if high >= 75 else "pass" if high >= 60 else "fail"
    )
    assert sc.grade_for(high) == expected


def test_grade_errors():
    assert_error(lambda: sc.grade_for(100.01), sc.MSG_SCORE_RANGE, {"score": "100.01"})
    assert_error(lambda: sc.grade_for(-0.01), sc.MSG_SCORE_RANGE, {"score": "-0.01"})
    bad = GradeThresholds(75, 85, 60)
    params = {"passing": "60", "good": "85", "excellent": "75"}
    assert_error(lambda: sc.grade_for(80, bad), sc.MSG_THRESHOLDS, params)
    assert_error(lambda: sc.check_thresholds(bad), sc.MSG_THRESHOLDS, params)
    assert_error(
        lambda: sc.check_thresholds(GradeThresholds(101, 75, 60)),
        sc.MSG_THRESHOLDS,
        {"passing": "60", "good": "75", "excellent": "101"},
    )
    assert_error(
        lambda: sc.check_thresholds(GradeThresholds(85, 75, 0)),
        sc.MSG_THRESHOLDS,
        {"passing": "0", "good": "75", "excellent": "85"},
    )
    sc.check_thresholds(GradeThresholds(100, 99.99, 0.01))


# --- distribution and calibration --------------------------------------------------------------
def test_distribution_example():
    scores = [95, 85, 84.99, 80, 75, 74.99, 70, 60, 59.99, 30]
    result = sc.distribution(scores)
    assert result.total == 10
    assert result.counts == {"excellent": 2, "good": 3, "pass": 3, "fail": 2}
    assert list(result.counts) == list(sc.GRADE_CODES)
    assert result.shares == {"excellent": 20.0, "good": 30.0, "pass": 30.0, "fail": 20.0}
    thirds = sc.distribution([90, 80, 70])
    assert thirds.shares == {"excellent": 33.33, "good": 33.33, "pass": 33.33, "fail": 0.0}
    empty = sc.distribution([])
    assert empty.total == 0 and empty.counts["good"] == 0 and empty.shares["good"] == 0.0
    assert_error(lambda: sc.distribution([50, 120]), sc.MSG_SCORE_RANGE, {"score": "120"})


@pytest.mark.parametrize(
    ("total", "limits"),
    [
        (0, (0, 0, 0)),
        (1, (0, 1, 0)),
        (9, (0, 6, 0)),  # 0.9 excellent -> 0; 5.4 good -> 6; 0.45 fail -> 0
        (10, (1, 6, 1)),  # 0.5 fail -> 1 (about 5%, half up)
        (20, (2, 12, 1)),
        (30, (3, 18, 2)),  # 1.5 fail -> 2
        (50, (5, 30, 3)),  # 2.5 fail -> 3
        (100, (10, 60, 5)),
    ],
)
def test_policy_limits(total, limits):
    result = sc.policy_limits(total)
    assert (result.max_excellent, result.min_good, result.max_fail) == limits


def test_policy_errors():
    assert_error(
        lambda: sc.policy_limits(10, sc.DistributionPolicy(max_excellent_percent=120)),
        sc.MSG_POLICY_PERCENT,
        {"name": "max_excellent_percent", "value": "120"},
    )
    assert_error(
        lambda: sc.policy_limits(10, sc.DistributionPolicy(fail_percent=-5)),
        sc.MSG_POLICY_PERCENT,
        {"name": "fail_percent", "value": "-5"},
    )
    assert_error(lambda: sc.policy_limits(-1), sc.MSG_NOT_COUNT, {"name": "total", "value": "-1"})


def test_unmet_policy():
    scores = [95, 85, 84.99, 80, 75, 74.99, 70, 60, 59.99, 30]
    assert sc.unmet_policy(sc.distribution(scores)) == ("excellent", "good", "fail")
    fine = [86] + [80] * 6 + [70] * 2 + [50]
    assert sc.unmet_policy(sc.distribution(fine)) == ()


def test_propose_thresholds_example():
    # 20 people: 3 x 90, 5 x 80, 10 x 70, 2 x 50.  Limits: <= 2 excellent, >= 12 good, <= 1 fail.
    scores = [90] * 3 + [80] * 5 + [70] * 10 + [50] * 2
    # Defaults: 3 excellent (too many), 5 good (too few), 2 fail (too many).
    assert sc.unmet_policy(sc.distribution(scores)) == ("excellent", "good", "fail")
    result = sc.propose_thresholds(scores)
    # The three 90s are tied: none of them can be excellent -> excellent cut 90.01.
    # Good needs 12 of the 17 below: the 12th best is 70 -> good cut 70.
    # Fail allows 1 but the two 50s are tied: both pass -> pass cut 50.
    assert result.thresholds == GradeThresholds(90.01, 70, 50)
    assert result.distribution.counts == {"excellent": 0, "good": 18, "pass": 2, "fail": 0}
    assert result.unmet == () and result.satisfied


def test_propose_thresholds_keeps_thresholds_that_already_fit():
    scores = [86] + [80] * 6 + [70] * 2 + [50]
    result = sc.propose_thresholds(scores)
    assert result.thresholds == sc.DEFAULT_GRADE_THRESHOLDS
    assert result.satisfied
    empty = sc.propose_thresholds([])
    assert empty.thresholds == sc.DEFAULT_GRADE_THRESHOLDS and empty.satisfied


def test_propose_thresholds_moves_each_cut_the_least():
    # 10 people: limits <= 1 excellent, >= 6 good, <= 1 fail.
    scores = [99, 92, 88, 83, 81, 79, 77, 70, 55, 40]
    result = sc.propose_thresholds(scores)
    # Excellent: only 99 may stay -> cut just above 92 (92.01).  Good: 92, 88, 83, 81, 79, 77
    # are now 6 in [75, 92.01) -> 75 stays.  Fail: 55 and 40 are below 60, 1 allowed -> cut 55.
    assert result.thresholds == GradeThresholds(92.01, 75, 55)
    assert result.distribution.counts == {"excellent": 1, "good": 6, "pass": 2, "fail": 1}
    assert result.satisfied


def test_propose_thresholds_unsatisfiable():
    # Everybody tied at 100: excellent cannot go above 100, so nothing helps: keep the defaults.
    result = sc.propose_thresholds([100] * 10)
    assert result.thresholds == sc.DEFAULT_GRADE_THRESHOLDS
    assert result.unmet == ("excellent", "good")
    assert not result.satisfied
    # Five people tied at 100 out of ten: excellent stays impossible (5 > 1); raising the
    # excellent cut just above 90 (90.01) makes the five 90s good, still 5 < 6: the closest.
    result = sc.propose_thresholds([100] * 5 + [90] * 5)
    assert result.thresholds == GradeThresholds(90.01, 75, 60)
    assert result.distribution.counts == {"excellent": 5, "good": 5, "pass": 0, "fail": 0}
    assert result.unmet == ("excellent", "good")


def test_propose_thresholds_errors():
    assert_error(
        lambda: sc.propose_thresholds([50], base=GradeThresholds(85, 60, 75)),
        sc.MSG_THRESHOLDS,
        {"passing": "75", "good": "60", "excellent": "85"},
    )
    assert_error(
        lambda: sc.propose_thresholds([50], base=GradeThresholds(85, 75.004, 75.001)),
        sc.MSG_THRESHOLDS_GRID,
        {"passing": "75.001", "good": "75.004", "excellent": "85"},
    )
    assert_error(lambda: sc.propose_thresholds([50, 101]), sc.MSG_SCORE_RANGE, {"score": "101"})
    assert_error(
        lambda: sc.propose_thresholds([50], sc.DistributionPolicy(min_good_percent=101)),
        sc.MSG_POLICY_PERCENT,
        {"name": "min_good_percent", "value": "101"},
    )


# Brute force over every cut that can matter, in hundredths of a point.
def _brute_force(scores, policy, base):
    limits = sc.policy_limits(len(scores), policy)
    base_cuts = [round(cut * 100) for cut in (base.excellent, base.good, base.passing)]
    ranks = [round(score * 100) for score in scores]
    cuts = {1, 2, 10000, *base_cuts, *(c - 1 for c in base_cuts)}
    cuts |= {r + d for r in ranks for d in (-1, 0, 1)}
    cuts = sorted(c for c in cuts if 1 <= c <= 10000)
    at_least = {c: sum(1 for r in ranks if r >= c) for c in cuts}
    best, satisfiable = None, False
    for e in cuts:
        excess_e = max(at_least[e] - limits.max_excellent, 0)
        for g in cuts:
            if g >= e:
                break
            short_g = max(limits.min_good - (at_least[g] - at_least[e]), 0)
            for p in cuts:
                if p >= g:
                    break
                excess_f = max(len(ranks) - at_least[p] - limits.max_fail, 0)
                missed = excess_e + short_g + excess_f
                satisfiable = satisfiable or missed == 0
                moved = abs(e - base_cuts[0]) + abs(g - base_cuts[1]) + abs(p - base_cuts[2])
                if best is None or (missed, moved) < best:
                    best = (missed, moved)
    return best, satisfiable


cohorts = st.lists(
    st.one_of(
        st.integers(0, 10000),
        st.sampled_from([0, 1, 2, 5999, 6000, 7499, 7500, 8499, 8500, 9000, 9999, 10000]),
    ).map(lambda h: h / 100),
    min_size=0,
    max_size=10,
)
policies = st.one_of(
    st.just(sc.DEFAULT_POLICY),
    st.builds(
        sc.DistributionPolicy,
        st.integers(0, 100),
        st.integers(0, 100),
        st.integers(0, 100),
    ),
)


@st.composite
def base_thresholds(draw):
    if draw(st.booleans()):
        return sc.DEFAULT_GRADE_THRESHOLDS
    passing, good, excellent = sorted(draw(st.sets(st.integers(1, 10000), min_size=3, max_size=3)))
    return GradeThresholds(excellent / 100, good / 100, passing / 100)


@SLOW
@given(scores=cohorts, policy=policies, base=base_thresholds())
def test_propose_thresholds_is_optimal_and_consistent(scores, policy, base):
    result = sc.propose_thresholds(scores, policy, base)
    cuts = result.thresholds
    # Ordered within the scale, on the 0.01 grid.
    assert 0 < cuts.passing < cuts.good < cuts.excellent <= 100
    for cut in (cuts.passing, cuts.good, cuts.excellent):
        assert (Decimal(repr(cut)) * 100) % 1 == 0
    # The distribution is the one these thresholds give; unmet lists exactly the broken rules.
    assert result.distribution == sc.distribution(scores, cuts)
    assert result.unmet == sc.unmet_policy(result.distribution, policy)
    # Satisfied whenever some thresholds satisfy the policy, and minimal otherwise.
    best, satisfiable = _brute_force(scores, policy, base)
    limits = sc.policy_limits(len(scores), policy)
    counts = result.distribution.counts
    missed = (
        max(counts["excellent"] - limits.max_excellent, 0)
        + max(limits.min_good - counts["good"], 0)
        + max(counts["fail"] - limits.max_fail, 0)
    )
    moved = round(
        100
        * (
            abs(cuts.excellent - base.excellent)
            + abs(cuts.good - base.good)
            + abs(cuts.passing - base.passing)
        )
    )
    assert result.satisfied == satisfiable
    assert (missed, moved) == best
    # Deterministic and independent of the order of the scores.
    shuffled = list(scores)
    random.Random(len(scores)).shuffle(shuffled)
    assert sc.propose_thresholds(shuffled, policy, base) == result


@SLOW
@given(scores=cohorts)
def test_propose_thresholds_default_policy_satisfied_when_satisfiable(scores):
    result = sc.propose_thresholds(scores)
    _best, satisfiable = _brute_force(scores, sc.DEFAULT_POLICY, sc.DEFAULT_GRADE_THRESHOLDS)
    if satisfiable:
        assert result.satisfied
        assert sc.unmet_policy(sc.distribution(scores, result.thresholds)) == ()
    if sc.unmet_policy(sc.distribution(scores)) == ():
        assert result.thresholds == sc.DEFAULT_GRADE_THRESHOLDS


# --- bonus tiers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "code", "amount", "watch"),
    [
        (100, "tier_1", 800.0, False),
        (90, "tier_1", 800.0, False),
        (89.99, "tier_2", 500.0, False),
        (80, "tier_2", 500.0, False),
        (79.99, "tier_3", 200.0, False),
        (70, "tier_3", 200.0, False),
        (69.99, "none", 0.0, False),
        (60, "none", 0.0, False),
        (59.99, "watch", 0.0, True),
        (0, "watch", 0.0, True),
    ],
)
def test_bonus_boundaries(score, code, amount, watch):
    assert sc.bonus_tier(score, AMOUNTS) == sc.BonusTier(code, amount, watch)


@FAST
@given(first=scores_2dp, second=scores_2dp)
def test_bonus_is_monotone(first, second):
    low, high = sorted((first, second))
    bonus_low, bonus_high = sc.bonus_tier(low, AMOUNTS), sc.bonus_tier(high, AMOUNTS)
    assert bonus_low.amount <= bonus_high.amount
    assert bonus_high.watch <= bonus_low.watch
    assert bonus_high.watch == (high < 60)


def test_bonus_errors():
    assert_error(
        lambda: sc.bonus_tier(95, {"tier_1": 800, "tier_2": None}),
        sc.MSG_MISSING_BONUS,
        {"tiers": "tier_2, tier_3"},
    )
    assert_error(
        lambda: sc.bonus_tier(95, {**AMOUNTS, "tier_4": 100}),
        sc.MSG_UNKNOWN_TIERS,
        {"tiers": "tier_4"},
    )
    assert_error(
        lambda: sc.bonus_tier(95, {**AMOUNTS, "tier_3": -1}),
        sc.MSG_BONUS_NEGATIVE,
        {"tier": "tier_3", "value": "-1"},
    )
    assert_error(lambda: sc.bonus_tier(101, AMOUNTS), sc.MSG_SCORE_RANGE, {"score": "101"})


# --- whole sheets ------------------------------------------------------------------------------
def test_equipment_administrator_sheet():
    """车间设备管理员: performance (weights 10/10/15/15/15/15/5/5/10) x 70% + attitude x 30%."""
    performance = [
        sc.occurrence_count(2, 5),  # 操作规程出错处数: 2 errors x 5 -> 90
        sc.linear_deduction(3000, 0, 1000, 10, "zero"),  # 经济损失额 3000 yuan -> 70
        sc.linear_deduction(22, 24, 1, 5, "higher"),  # 设备检查次数 22 of 24 -> 90
        sc.linear_deduction(96.5, 98, 1, 4, "higher"),  # 设备完好率 -> 94
        sc.linear_deduction(82.5, 85, 1, 5, "higher", whole_steps=True),  # 有效利用率 -> 90
        sc.linear_deduction(1.3, 1.0, 0.1, 5, "lower"),  # 单位产量维修费用 -> 85
        sc.linear_deduction(2.5, 2, 0.5, 10, "lower"),  # 设备故障率 -> 90
        sc.linear_deduction(1.0, 1.5, 0.5, 10, "lower"),  # 设备切换时间 -> 100
        sc.linear_deduction(80, 100, 5, 10, "higher"),  # 培训计划完成率 -> 60
    ]
    assert performance == [90, 70, 90, 94, 90, 85, 90, 100, 60]
    # (90x10 + 70x10 + 90x15 + 94x15 + 90x15 + 85x15 + 90x5 + 100x5 + 60x10) / 100
    # = (900 + 700 + 1350 + 1410 + 1350 + 1275 + 450 + 500 + 600) / 100 = 8535 / 100 = 85.35
    perf_lines = list(zip(performance, EQUIPMENT_WEIGHTS, strict=True))
    assert sc.weighted_total(perf_lines) == 85.35
    # Attitude: each item = self x 30% + superior x 70%.
    ratings = [(90, 80), (85, 75), (80, 90), (95, 85), (90, 90)]
    ratings += [(70, 80), (100, 70), (90, 95), (80, 85), (85, 90)]
    attitude = [
        sc.combine_raters({"self": mine, "superior": boss}, ATTITUDE_RATERS)
        for mine, boss in ratings
    ]
    # 27+56=83, 25.5+52.5=78, 24+63=87, 28.5+59.5=88, 90, 21+56=77, 30+49=79, 27+66.5=93.5,
    # 24+59.5=83.5, 25.5+63=88.5
    assert attitude == [83, 78, 87, 88, 90, 77, 79, 93.5, 83.5, 88.5]
    # (83x15 + 78x5 + 87x10 + 88x15 + 90x10 + 77x10 + 79x5 + 93.5x10 + 83.5x15 + 88.5x5) / 100
    # = (1245 + 390 + 870 + 1320 + 900 + 770 + 395 + 935 + 1252.5 + 442.5) / 100 = 85.2
    att_lines = list(zip(attitude, ATTITUDE_WEIGHTS, strict=True))
    assert sc.weighted_total(att_lines) == 85.2
    # Total = 85.35 x 70% + 85.2 x 30% = 59.745 + 25.56 = 85.305 -> 85.31 (half up)
    result = sc.appraisal_total([(70, perf_lines), (30, att_lines)])
    assert result == sc.SheetResult((85.35, 85.2), 85.31)
    assert sc.grade_for(result.total) == "excellent"


def test_director_sheet():
    """车间主任: bands A, B, C (20% each) and four qualitative levels (10% each)."""
    lines = [
        (sc.band_score(sc.PLAN_COMPLETION_BANDS, 97, "higher"), 20),  # 84.6
        (sc.band_score(sc.MATERIAL_CONSUMPTION_BANDS, 107, "lower"), 20),  # 76.4
        (sc.band_score(sc.QUALITY_PASS_BANDS, 96, "higher"), 20),  # 87.8
        (sc.check_level_score(DIRECTOR_LEVELS, 1, 88), 10),  # 生产安全事故发生次数
        (sc.check_level_score(DIRECTOR_LEVELS, 1, 85), 10),  # 生产管理规范性
        (sc.check_level_score(DIRECTOR_LEVELS, 0, 92), 10),  # 部门员工管理 (rater moved within)
        (sc.check_level_score(DIRECTOR_LEVELS, 0, 92), 10),  # 工作态度
    ]
    assert [score for score, _weight in lines] == [84.6, 76.4, 87.8, 88, 85, 92, 92]
    # (84.6x20 + 76.4x20 + 87.8x20 + 88x10 + 85x10 + 92x10 + 92x10) / 100
    # = (1692 + 1528 + 1756 + 880 + 850 + 920 + 920) / 100 = 8546 / 100 = 85.46
    assert sc.weighted_total(lines, "the director sheet") == 85.46
    assert sc.appraisal_total([(100, lines)]).total == 85.46


def test_team_leader_sheet_and_bonus():
    """班组长: a major accident zeroes its line; the quarterly score picks the bonus tier."""
    scores = [95, 90, 100, 85, 90, 95, sc.occurrence_count(1, 20, major_event=True), 90, 100, 80]
    # (95x15 + 90x15 + 100x10 + 85x10 + 90x10 + 95x10 + 0x10 + 90x10 + 100x5 + 80x5) / 100
    # = (1425 + 1350 + 1000 + 850 + 900 + 950 + 0 + 900 + 500 + 400) / 100 = 82.75
    total = sc.weighted_total(zip(scores, TEAM_LEADER_WEIGHTS, strict=True))
    assert total == 82.75
    assert sc.bonus_tier(total, AMOUNTS) == sc.BonusTier("tier_2", 500.0, False)


@FAST
@given(data=st.data(), weights=weight_lists(max_size=6))
def test_single_section_sheet_equals_its_weighted_total(data, weights):
    scores = data.draw(st.lists(scores_2dp, min_size=len(weights), max_size=len(weights)))
    lines = list(zip(scores, weights, strict=True))
    result = sc.appraisal_total([(100, lines)])
    assert result.section_scores == (sc.weighted_total(lines),)
    assert result.total == result.section_scores[0]


def test_appraisal_total_errors():
    lines = [(80, 100)]
    assert_error(
        lambda: sc.appraisal_total([(70, lines), (20, lines)]),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "the sections", "total": "90"},
    )
    assert_error(
        lambda: sc.appraisal_total([]),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "the sections", "total": "0"},
    )
    assert_error(
        lambda: sc.appraisal_total([(70, lines), (30, [(80, 60), (90, 30)])]),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "section 2", "total": "90"},
    )
    assert_error(
        lambda: sc.appraisal_total([(70, lines), (30, [])]),
        sc.MSG_WEIGHTS_TOTAL,
        {"what": "section 2", "total": "0"},
    )
    assert_error(
        lambda: sc.appraisal_total([(70, [(80, 50), (120, 50)]), (30, lines)]),
        sc.MSG_LINE_SCORE_RANGE,
        {"score": "120", "line": 2, "what": "section 1"},
    )


# --- remembered results (issue 17: thousands of lines combine a few distinct numbers) -------------
@FAST
@given(
    st.lists(st.integers(0, 100) | st.floats(0, 100, allow_nan=False), min_size=1, max_size=3),
    st.integers(0, 100) | st.floats(0, 100, allow_nan=False),
    st.booleans(),
)
def test_remembered_results_equal_the_computed_ones(selfs, superior, redistribute):
    by_role = {"self": selfs, "superior": superior}
    expected = sc._combine_raters(by_role, ATTITUDE_RATERS, redistribute)
    assert sc.combine_raters(by_role, ATTITUDE_RATERS, redistribute) == expected
    assert sc.combine_raters(dict(by_role), dict(ATTITUDE_RATERS), redistribute) == expected
    items = [(score, weight) for score, weight in zip(selfs * 4, (25, 25, 25, 25), strict=False)]
    if len(items) == 4:
        assert sc.weighted_total(items) == sc._round(sc._weighted(items, "the section"))


def test_remembered_results_tell_types_and_errors_apart():
    assert sc.combine_raters({"superior": 1}, {"superior": 100}) == 1.0
    with pytest.raises(sc.ScoringError):  # a boolean is no score, even after 1 was combined
        sc.combine_raters({"superior": True}, {"superior": 100})
    for _attempt in range(2):  # an error is raised every time, never remembered as a result
        with pytest.raises(sc.ScoringError):
            sc.combine_raters({"superior": 120.0}, {"superior": 100})
        with pytest.raises(sc.ScoringError):
            sc.weighted_total([(50.0, 60), (50.0, 30)])
    # Scores given by a generator are combined as before (not remembered); lines too.
    assert sc.combine_raters({"superior": (s for s in (80, 90))}, {"superior": 100}) == 85.0
    assert sc.weighted_total(x for x in [(80, 50), (90, 50)]) == 85.0
