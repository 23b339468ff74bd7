# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure scoring engine of the appraisal sheets (seed 004); no Odoo import, standard library only.

Conventions
-----------
* Every score is a number within 0..100; results are rounded half-up to 2 decimals
  (``round_score``).  Inputs are read as the decimals they show (floats through ``repr()``) and
  all arithmetic is exact (:class:`fractions.Fraction`), so results equal what a person computes
  by hand: ``85.35 x 70% + 85.2 x 30% = 85.305`` rounds to ``85.31``.
* Weights are percentages; the weights of one group must add up to 100 (tolerance 1e-6).
* A KPI ``direction`` is ``'higher'`` (higher is better), ``'lower'`` (lower is better) or
  ``'zero'`` (target zero; scored like ``'lower'``), as in ``mfg_kpi``.
* Bad input raises :class:`ScoringError`.  Its ``msg`` is one of the constant ``MSG_*`` format
  strings of this module (named ``%``-placeholders), ``params`` holds the values, and ``str()``
  is the interpolated English text, so the Odoo layer can translate ``msg`` and then interpolate
  ``params``.  The constants are wrapped in ``_lt`` so that Odoo's .pot export collects them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

Number = int | float | Decimal | Fraction


def _lt(message: str) -> str:
    """Mark ``message`` for translation export (Odoo extracts ``_lt("...")``); identity."""
    return message


# --- messages ----------------------------------------------------------------------------------
MSG_NOT_NUMBER = _lt("%(name)s must be a finite number, got %(value)s.")
MSG_SCORE_RANGE = _lt("Score %(score)s is outside 0..100.")
MSG_LINE_SCORE_RANGE = _lt("Score %(score)s on line %(line)s of %(what)s is outside 0..100.")
MSG_RATER_SCORE_RANGE = _lt("Score %(score)s from rater role %(role)s is outside 0..100.")
MSG_WEIGHT_NEGATIVE = _lt("Weight %(weight)s of %(what)s is negative.")
MSG_WEIGHTS_TOTAL = _lt("Weights of %(what)s add up to %(total)s%%, not 100%%.")
MSG_MISSING_PARAMETERS = _lt("Scoring parameters are missing: %(names)s.")
MSG_NOT_POSITIVE = _lt("%(name)s must be greater than 0, got %(value)s.")
MSG_NEGATIVE = _lt("%(name)s must not be negative, got %(value)s.")
MSG_BAD_DIRECTION = _lt("Unknown direction %(direction)s: use higher, lower or zero.")
MSG_NOT_COUNT = _lt("%(name)s must be a whole number of at least 0, got %(value)s.")
MSG_NO_BANDS = _lt("At least one band is required.")
MSG_BAND_EMPTY = _lt("Band %(band)s contains no value.")
MSG_BAND_SCORE_ORDER = _lt(
    "Band %(band)s: minimum score %(score_min)s is above maximum score %(score_max)s."
)
MSG_BAND_SCORE_RANGE = _lt("Band %(band)s: scores %(score_min)s..%(score_max)s leave 0..100.")
MSG_BAND_OVERLAP = _lt("Bands %(first)s and %(second)s overlap.")
MSG_BAND_GAP = _lt("No band covers the values between bands %(first)s and %(second)s.")
MSG_BAND_ORDER = _lt("Band %(better)s has better values but lower scores than band %(worse)s.")
MSG_NO_BAND = _lt("No band contains the value %(value)s.")
MSG_BAND_OVERRIDE = _lt(
    "Score %(score)s is outside the range %(score_min)s..%(score_max)s of band %(band)s."
)
MSG_NO_LEVELS = _lt("At least one level is required.")
MSG_LEVEL_SCORE_ORDER = _lt(
    "Level %(level)s: minimum score %(score_min)s is above maximum score %(score_max)s."
)
MSG_LEVEL_SCORE_RANGE = _lt("Level %(level)s: scores %(score_min)s..%(score_max)s leave 0..100.")
MSG_LEVEL_OVERLAP = _lt("Levels %(first)s and %(second)s overlap.")
MSG_LEVEL_INDEX = _lt("There is no level %(index)s: levels are numbered 0 to %(last)s.")
MSG_LEVEL_SCORE = _lt(
    "Score %(score)s is outside the range %(score_min)s..%(score_max)s of level %(level)s."
)
MSG_UNKNOWN_ROLES = _lt("Scores were given for rater roles without a weight: %(roles)s.")
MSG_MISSING_ROLES = _lt("No score from rater roles: %(roles)s.")
MSG_NO_RATERS = _lt("No weighted rater role gave a score.")
MSG_THRESHOLDS = _lt(
    "Grade cut scores must satisfy 0 < pass < good < excellent <= 100, "
    "got pass %(passing)s, good %(good)s, excellent %(excellent)s."
)
MSG_THRESHOLDS_GRID = _lt(
    "Grade cut scores pass %(passing)s, good %(good)s, excellent %(excellent)s "
    "are not distinct and above 0 when rounded to 2 decimals."
)
MSG_POLICY_PERCENT = _lt("%(name)s must lie within 0..100%%, got %(value)s.")
MSG_UNKNOWN_TIERS = _lt("Unknown bonus tiers %(tiers)s: use tier_1, tier_2 and tier_3.")
MSG_MISSING_BONUS = _lt("Bonus amounts are missing for tiers: %(tiers)s.")
MSG_BONUS_NEGATIVE = _lt("Bonus amount of %(tier)s must not be negative, got %(value)s.")

# --- numbers -----------------------------------------------------------------------------------
ZERO = Fraction(0)
HUNDRED = Fraction(100)
HALF = Fraction(1, 2)
WEIGHT_TOLERANCE = Fraction(1, 10**6)
# The keys of mfg_kpi's DIRECTIONS (this engine imports nothing from Odoo; a plain test,
# tests/test_vocabulary.py, keeps the two equal).
DIRECTIONS = ("higher", "lower", "zero")


class ScoringError(ValueError):
    """Invalid scoring input: ``msg`` is a constant format string, ``params`` its values."""

    def __init__(self, msg: str, params: Mapping[str, object] | None = None) -> None:
        self.msg = msg
        self.params = dict(params or {})
        super().__init__(msg, self.params)

    def __str__(self) -> str:
        return self.msg % self.params


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal | Fraction) and not isinstance(value, bool)


@lru_cache(maxsize=65536)
def _float_fraction(value: float) -> Fraction:
    """The decimal a float's ``repr`` shows, as a fraction. Cached: a cohort's scores and
    weights repeat a few values, and the conversion through ``Decimal`` dominated the scoring of
    thousands of lines."""
    return Fraction(Decimal(repr(value)))


def _num(value: object, name: str) -> Fraction:
    """``value`` as an exact number: a float counts as the decimal its ``repr`` shows (0.1 is
    1/10), so that arithmetic matches a hand computation."""
    if not _is_number(value):
        raise ScoringError(MSG_NOT_NUMBER, {"name": name, "value": repr(value)})
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ScoringError(MSG_NOT_NUMBER, {"name": name, "value": repr(value)})
        return _float_fraction(value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise ScoringError(MSG_NOT_NUMBER, {"name": name, "value": repr(value)})
    return Fraction(value)


def _fmt(value: Fraction) -> str:
    """Short plain text of a number for messages: 90 -> ``'90'``, 99.50 -> ``'99.5'``."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(exact.normalize(), "f")
    return "0" if text == "-0" else text


def _show(value: object) -> str:
    """Text of any value for a message parameter: a short number, else its ``repr``."""
    try:
        return _fmt(_num(value, "value"))
    except ScoringError:
        return repr(value)


def _half_up(value: Fraction) -> int:
    """``value`` rounded half away from zero to an integer."""
    magnitude = math.floor(abs(value) + HALF)
    return magnitude if value >= 0 else -magnitude


def _round(value: Fraction) -> float:
    """``value`` rounded half-up to 2 decimals, as a float."""
    return _half_up(value * 100) / 100


def _clamp(value: Fraction, low: Fraction = ZERO, high: Fraction = HUNDRED) -> Fraction:
    return min(max(value, low), high)


def round_score(value: Number) -> float:
    """``value`` rounded half-up to 2 decimals (``2.675`` -> ``2.68``)."""
    return _round(_num(value, "value"))


def _score(value: object) -> Fraction:
    """A single score within 0..100."""
    number = _num(value, "score")
    if not ZERO <= number <= HUNDRED:
        raise ScoringError(MSG_SCORE_RANGE, {"score": _fmt(number)})
    return number


def _check_direction(direction: object) -> None:
    if direction not in DIRECTIONS:
        raise ScoringError(MSG_BAD_DIRECTION, {"direction": repr(direction)})


# --- weights -----------------------------------------------------------------------------------
def _weight_total(weights: Iterable[object], what: str) -> Fraction:
    total = ZERO
    for weight in weights:
        value = _num(weight, "weight")
        if value < 0:
            raise ScoringError(MSG_WEIGHT_NEGATIVE, {"weight": _fmt(value), "what": what})
        total += value
    if abs(total - HUNDRED) > WEIGHT_TOLERANCE:
        raise ScoringError(MSG_WEIGHTS_TOTAL, {"what": what, "total": _fmt(total)})
    return total


def check_weights(weights: Iterable[Number], what: str) -> float:
    """Check that ``weights`` (percent) are >= 0 and add up to 100 (tolerance 1e-6).

    ``what`` names the group in the message ("Weights of <what> add up to ..."). Returns the total.
    """
    return float(_weight_total(weights, what))


def _weighted(items: Sequence[tuple[object, object]], what: str) -> Fraction:
    total_weight = _weight_total((weight for _line_score, weight in items), what)
    acc = ZERO
    for line, (score, weight) in enumerate(items, start=1):
        value = _num(score, "score")
        if not ZERO <= value <= HUNDRED:
            params = {"score": _fmt(value), "line": line, "what": what}
            raise ScoringError(MSG_LINE_SCORE_RANGE, params)
        acc += value * _num(weight, "weight")
    # Divide by the actual total (within 1e-6 of 100) so that equal scores give that score.
    return acc / total_weight


def weighted_total(items: Iterable[tuple[Number, Number]], what: str = "the section") -> float:
    """Weighted sum of ``(score, weight_percent)`` lines, rounded to 2 decimals.

    Weights must add up to 100 (:func:`check_weights`), scores must lie within 0..100.
    """
    items = list(items)
    try:
        key = (tuple((_key(score), _key(weight)) for score, weight in items), what)
        hash(key)
    except TypeError:
        return _round(_weighted(items, what))
    return _weighted_total_cached(key)


@lru_cache(maxsize=65536)
def _weighted_total_cached(key: tuple) -> float:
    items, what = key
    return _round(_weighted([(_value(score), _value(weight)) for score, weight in items], what))


# --- memo of the pure functions a cohort calls with few distinct numbers -----------------------
def _key(value: object) -> tuple:
    """A hashable key of a number, ``None`` or a (finite) collection of numbers that tells
    their types apart (``True`` is not ``1``, ``1.0`` not ``1``): equal keys give equal results
    or equal errors. Raises TypeError for anything else (the caller computes uncached)."""
    if value is None:
        return ("none",)
    if isinstance(value, int | float | Decimal | Fraction):
        return (type(value), value)
    if isinstance(value, list | tuple):
        return ("seq", tuple(_key(item) for item in value))
    raise TypeError(value)


def _value(key: tuple) -> object:
    """The value of a ``_key``."""
    if key[0] == "none":
        return None
    if key[0] == "seq":
        return [_value(item) for item in key[1]]
    return key[1]


# --- linear deduction and occurrence count -----------------------------------------------------
def _missing(**values: object) -> None:
    names = [name for name, value in values.items() if value is None]
    if names:
        raise ScoringError(MSG_MISSING_PARAMETERS, {"names": ", ".join(names)})


def _positive(value: object, name: str) -> Fraction:
    number = _num(value, name)
    if number <= 0:
        raise ScoringError(MSG_NOT_POSITIVE, {"name": name, "value": _fmt(number)})
    return number


def _not_negative(value: object, name: str) -> Fraction:
    number = _num(value, name)
    if number < 0:
        raise ScoringError(MSG_NEGATIVE, {"name": name, "value": _fmt(number)})
    return number


def _count(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ScoringError(MSG_NOT_COUNT, {"name": name, "value": _show(value)})
    return value


def linear_deduction(
    actual: Number,
    target: Number | None,
    step: Number | None,
    deduction: Number | None,
    direction: str,
    whole_steps: bool = False,
) -> float:
    """Score of a "target X, each S worse deducts D points" line (目标值 X，每低出 S，减 D 分).

    ``score = 100 - D * gap / S`` clamped to 0..100, where the gap is the shortfall against the
    target: ``max(0, target - actual)`` for direction 'higher', ``max(0, actual - target)`` for
    'lower' and 'zero'.  ``whole_steps`` counts only complete steps (``floor(gap / S)``).
    ``target``, ``step`` and ``deduction`` are company parameters (blank in the seed): a missing
    one raises an error naming all missing ones; ``step`` must be > 0 and ``deduction`` >= 0.
    """
    _missing(target=target, step=step, deduction=deduction)
    _check_direction(direction)
    value = _num(actual, "actual")
    goal = _num(target, "target")
    size = _positive(step, "step")
    points = _not_negative(deduction, "deduction")
    gap = goal - value if direction == "higher" else value - goal
    steps = max(gap, ZERO) / size
    if whole_steps:
        steps = Fraction(math.floor(steps))
    return _round(_clamp(HUNDRED - points * steps))


def occurrence_count(
    count: int,
    deduction: Number | None,
    allowed: int = 0,
    major_event: bool = False,
    per: int = 1,
) -> float:
    """Score of a "target 0 (or ``allowed``), each ``per`` occurrences deduct D points" line
    (每出现 N 次减 D 分; N = 1 unless the sheet says otherwise).

    ``score = 100 - D * (max(0, count - allowed) // per)`` clamped to 0..100: only whole groups
    of ``per`` occurrences deduct.  ``major_event`` zeroes the line (造成重大损失或恶劣社会影响的，
    该项不得分).  ``count`` and ``allowed`` are whole numbers >= 0, ``per`` >= 1.
    """
    _missing(deduction=deduction)
    occurrences = _count(count, "count")
    free = _count(allowed, "allowed")
    group = _count(per, "per")
    if group < 1:
        raise ScoringError(MSG_NOT_POSITIVE, {"name": "per", "value": _show(per)})
    points = _not_negative(deduction, "deduction")
    if major_event:
        return 0.0
    return _round(_clamp(HUNDRED - points * (max(occurrences - free, 0) // group)))


# --- bands -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Band:
    """A range of actual values mapped to a score range.

    Half-open ``[low, high)`` by default; an exact-value band ("A=100%") is the closed point
    ``[100, 100]``; ``None`` is an unbounded end (its inclusive flag is ignored).
    """

    low: Number | None
    high: Number | None
    low_inclusive: bool = True
    high_inclusive: bool = False
    score_min: Number = 0
    score_max: Number = 100
    label: str = ""

    @classmethod
    def point(cls, value: Number, score_min: Number, score_max: Number, label: str = "") -> Band:
        """The closed single-value band ``[value, value]``."""
        return cls(value, value, True, True, score_min, score_max, label)

    def interval(self) -> str:
        """Interval notation, e.g. ``[95, 100)`` or ``(-inf, 80)``."""
        if self.low is None:
            left = "(-inf"
        else:
            left = ("[" if self.low_inclusive else "(") + _show(self.low)
        if self.high is None:
            right = "+inf)"
        else:
            right = _show(self.high) + ("]" if self.high_inclusive else ")")
        return f"{left}, {right}"

    def describe(self) -> str:
        """The label, or the interval when there is none (used in messages)."""
        return self.label or self.interval()


@dataclass(frozen=True)
class _Span:
    """A band with exact bounds and scores and normalised flags."""

    band: Band
    low: Fraction | None
    high: Fraction | None
    low_inclusive: bool
    high_inclusive: bool
    score_min: Fraction
    score_max: Fraction

    def contains(self, value: Fraction) -> bool:
        above = self.low is None or value > self.low or (self.low_inclusive and value == self.low)
        below = (
            self.high is None or value < self.high or (self.high_inclusive and value == self.high)
        )
        return above and below

    def width(self) -> Fraction | None:
        """Width of a bounded band, None for an unbounded one."""
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    def sort_key(self) -> tuple:
        return (
            self.low is not None,
            self.low or ZERO,
            not self.low_inclusive,
            self.high is None,
            self.high or ZERO,
        )


def _span(band: Band) -> _Span:
    low = None if band.low is None else _num(band.low, "low")
    high = None if band.high is None else _num(band.high, "high")
    span = _Span(
        band=band,
        low=low,
        high=high,
        low_inclusive=low is not None and bool(band.low_inclusive),
        high_inclusive=high is not None and bool(band.high_inclusive),
        score_min=_num(band.score_min, "score_min"),
        score_max=_num(band.score_max, "score_max"),
    )
    params = {
        "band": band.describe(),
        "score_min": _fmt(span.score_min),
        "score_max": _fmt(span.score_max),
    }
    if span.score_min > span.score_max:
        raise ScoringError(MSG_BAND_SCORE_ORDER, params)
    if span.score_min < ZERO or span.score_max > HUNDRED:
        raise ScoringError(MSG_BAND_SCORE_RANGE, params)
    if low is not None and high is not None:
        if low > high or (low == high and not (span.low_inclusive and span.high_inclusive)):
            raise ScoringError(MSG_BAND_EMPTY, {"band": band.describe()})
    return span


def _check_neighbours(first: _Span, second: _Span) -> None:
    """``second`` starts at or after ``first``: they must touch without overlap or gap."""
    params = {"first": first.band.describe(), "second": second.band.describe()}
    if first.high is None or second.low is None or first.high > second.low:
        raise ScoringError(MSG_BAND_OVERLAP, params)
    if first.high < second.low:
        raise ScoringError(MSG_BAND_GAP, params)
    if first.high_inclusive and second.low_inclusive:
        raise ScoringError(MSG_BAND_OVERLAP, params)
    if not first.high_inclusive and not second.low_inclusive:
        raise ScoringError(MSG_BAND_GAP, params)


def _check_band_order(worse: _Span, better: _Span) -> None:
    if worse.score_max > better.score_min:
        params = {"better": better.band.describe(), "worse": worse.band.describe()}
        raise ScoringError(MSG_BAND_ORDER, params)


def _spans(bands: Iterable[Band], direction: str | None = None) -> list[_Span]:
    spans = sorted((_span(band) for band in bands), key=_Span.sort_key)
    if not spans:
        raise ScoringError(MSG_NO_BANDS)
    if direction is not None:
        _check_direction(direction)
    for first, second in pairwise(spans):
        _check_neighbours(first, second)
        if direction == "higher":
            _check_band_order(first, second)
        elif direction is not None:
            _check_band_order(second, first)
    return spans


def validate_bands(bands: Iterable[Band], direction: str | None = None) -> tuple[Band, ...]:
    """Check a band set and return it sorted by value (ascending).

    Rejects: no band, an empty interval, score_min > score_max, scores outside 0..100, overlapping
    bands and gaps between consecutive bands (the set must cover one unbroken range; values
    outside it are simply not scored, see :func:`find_band`).  With a ``direction``, also checks
    that a band of better values never scores below a band of worse values
    (``worse.score_max <= better.score_min``), which makes :func:`band_score` monotone.
    """
    return tuple(span.band for span in _spans(bands, direction))


def _find(spans: list[_Span], value: Fraction) -> int:
    for index, span in enumerate(spans):
        if span.contains(value):
            return index
    raise ScoringError(MSG_NO_BAND, {"value": _fmt(value)})


def find_band(bands: Iterable[Band], actual: Number) -> Band:
    """The band containing ``actual`` (the set is validated first)."""
    spans = _spans(bands)
    return spans[_find(spans, _num(actual, "actual"))].band


def _reference_width(spans: list[_Span], index: int) -> Fraction | None:
    """Width of the closest band with a positive finite width, seen from band ``index``."""
    others = spans[index + 1 :] if spans[index].low is None else reversed(spans[:index])
    for span in others:
        width = span.width()
        if width:
            return width
    return None


def band_score(bands: Iterable[Band], actual: Number, direction: str) -> float:
    """Suggested score of ``actual``: linear interpolation inside its band.

    * Bounded band ``[low, high]``: position ``t = (actual - low) / (high - low)``; the score runs
      from score_min at the unfavourable end to score_max at the favourable end (the high end for
      'higher', the low end for 'lower' and 'zero').
    * Single-point band: score_max.
    * Band unbounded on its favourable side (e.g. "B <= 100%" for 'lower'): score_max.
    * Band unbounded on its unfavourable side (e.g. "A < 80%" -> 0..50): interpolate over a width
      equal to that of the neighbouring band (the closest band with a positive finite width),
      measured from the finite end; values beyond that width get score_min.  A<80 with neighbour
      [80, 90): 79.99 -> ~50, 75 -> 25, <= 70 -> 0.  Without such a band: the range's midpoint.
    """
    _check_direction(direction)
    spans = _spans(bands)
    value = _num(actual, "actual")
    index = _find(spans, value)
    span = spans[index]
    higher = direction == "higher"
    favourable_end = span.high if higher else span.low
    if favourable_end is None or span.low == span.high:
        return _round(span.score_max)
    if span.low is not None and span.high is not None:
        position = (value - span.low) / (span.high - span.low)
    else:
        width = _reference_width(spans, index)
        if width is None:
            return _round((span.score_min + span.score_max) / 2)
        start = span.high - width if span.low is None else span.low
        position = _clamp((value - start) / width, ZERO, Fraction(1))
    fraction = position if higher else 1 - position
    return _round(span.score_min + (span.score_max - span.score_min) * fraction)


def check_band_override(band: Band, score: Number) -> float:
    """Check a rater's score for a band line: it must lie within [score_min, score_max]."""
    span = _span(band)
    value = _num(score, "score")
    if not span.score_min <= value <= span.score_max:
        params = {
            "score": _fmt(value),
            "score_min": _fmt(span.score_min),
            "score_max": _fmt(span.score_max),
            "band": band.describe(),
        }
        raise ScoringError(MSG_BAND_OVERRIDE, params)
    return float(value)


# The director's semi-annual sheet (车间主任绩效考核指标表), read from the seed.
#: 车间产量计划按时完成率 A (higher is better).  Covers A <= 100%; an on-time completion rate
#: cannot exceed 100%, so a larger value is rejected by find_band.
PLAN_COMPLETION_BANDS: tuple[Band, ...] = (
    Band.point(100, 91, 100, "A = 100%"),
    Band(95, 100, True, False, 81, 90, "95% <= A < 100%"),
    Band(90, 95, True, False, 71, 80, "90% <= A < 95%"),
    Band(80, 90, True, False, 51, 70, "80% <= A < 90%"),
    Band(None, 80, False, False, 0, 50, "A < 80%"),
)
#: 物料消耗占材料消耗定额比率 B (lower is better).  Seed gaps resolved:
#: * the seed lists "B=100%" and "100%<=B<105%", which overlap at 100: the exact value wins, so
#:   the second band is the open interval (100, 105);
#: * the seed does not cover B < 100 (less material than the standard): it scores as the best
#:   band, so the first band reads "B <= 100%" -> 91..100 (suggested 100, unbounded favourable end);
#: * the seed does not cover B = 120 ("110%<=B<120%", "B>120%"): the fourth band is closed,
#:   110% <= B <= 120%.
MATERIAL_CONSUMPTION_BANDS: tuple[Band, ...] = (
    Band(None, 100, False, True, 91, 100, "B <= 100%"),
    Band(100, 105, False, False, 81, 90, "100% < B < 105%"),
    Band(105, 110, True, False, 71, 80, "105% <= B < 110%"),
    Band(110, 120, True, True, 51, 70, "110% <= B <= 120%"),
    Band(120, None, False, False, 0, 50, "B > 120%"),
)
#: 车间产品质量抽检合格率 C (higher is better).  Covers C <= 100%.
QUALITY_PASS_BANDS: tuple[Band, ...] = (
    Band.point(100, 100, 100, "C = 100%"),
    Band(95, 100, True, False, 85, 99, "95% <= C < 100%"),
    Band(90, 95, True, False, 65, 84, "90% <= C < 95%"),
    Band(80, 90, True, False, 50, 64, "80% <= C < 90%"),
    Band(None, 80, False, False, 0, 49, "C < 80%"),
)
#: The three band sets with their KPI direction.
DIRECTOR_BAND_SETS: dict[str, tuple[str, tuple[Band, ...]]] = {
    "plan_completion": ("higher", PLAN_COMPLETION_BANDS),
    "material_consumption": ("lower", MATERIAL_CONSUMPTION_BANDS),
    "quality_pass": ("higher", QUALITY_PASS_BANDS),
}


# --- qualitative levels ------------------------------------------------------------------------
@dataclass(frozen=True)
class Level:
    """A described level with its closed score range (e.g. 91..100 "没有生产事故…")."""

    score_min: Number
    score_max: Number
    label: str = ""

    def describe(self) -> str:
        return self.label or f"{_show(self.score_min)}..{_show(self.score_max)}"


def _level_range(level: Level) -> tuple[Fraction, Fraction]:
    low, high = _num(level.score_min, "score_min"), _num(level.score_max, "score_max")
    params = {"level": level.describe(), "score_min": _fmt(low), "score_max": _fmt(high)}
    if low > high:
        raise ScoringError(MSG_LEVEL_SCORE_ORDER, params)
    if low < ZERO or high > HUNDRED:
        raise ScoringError(MSG_LEVEL_SCORE_RANGE, params)
    return low, high


def validate_levels(levels: Sequence[Level]) -> None:
    """Check levels: at least one, each range within 0..100 and ordered, no two ranges overlap
    (ranges are closed: 81..90 and 90..100 overlap; gaps between levels are allowed)."""
    if not levels:
        raise ScoringError(MSG_NO_LEVELS)
    ranged = sorted((_level_range(level), index) for index, level in enumerate(levels))
    for (first, i), (second, j) in pairwise(ranged):
        if second[0] <= first[1]:
            params = {"first": levels[i].describe(), "second": levels[j].describe()}
            raise ScoringError(MSG_LEVEL_OVERLAP, params)


def check_level_score(levels: Sequence[Level], level_index: int, score: Number) -> float:
    """Check the rater's pick: ``levels[level_index]`` exists and ``score`` lies in its range."""
    validate_levels(levels)
    last = len(levels) - 1
    if isinstance(level_index, bool) or not isinstance(level_index, int):
        raise ScoringError(MSG_LEVEL_INDEX, {"index": repr(level_index), "last": last})
    if not 0 <= level_index <= last:
        raise ScoringError(MSG_LEVEL_INDEX, {"index": level_index, "last": last})
    level = levels[level_index]
    low, high = _level_range(level)
    value = _num(score, "score")
    if not low <= value <= high:
        params = {
            "score": _fmt(value),
            "score_min": _fmt(low),
            "score_max": _fmt(high),
            "level": level.describe(),
        }
        raise ScoringError(MSG_LEVEL_SCORE, params)
    return float(value)


# --- direct rating by rater roles --------------------------------------------------------------
def _role_scores(role: str, raw: object) -> list[Fraction]:
    if raw is None:
        return []
    values = [raw] if _is_number(raw) else raw
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ScoringError(MSG_NOT_NUMBER, {"name": "score", "value": repr(raw)})
    scores = []
    for item in values:
        value = _num(item, "score")
        if not ZERO <= value <= HUNDRED:
            raise ScoringError(MSG_RATER_SCORE_RANGE, {"score": _fmt(value), "role": role})
        scores.append(value)
    return scores


def combine_raters(
    scores_by_role: Mapping[str, Number | Iterable[Number] | None],
    role_weights: Mapping[str, Number],
    redistribute: bool = False,
) -> float:
    """Combine direct ratings by rater-role weights (e.g. self 30% / superior 70%).

    A role's score is the mean of its raters' scores (a number or an iterable of numbers).  The
    role weights must add up to 100.  A weighted role without any score raises an error, unless
    ``redistribute``: then its weight is spread over the present roles in proportion to their
    weights (the result is the weighted mean over the present roles).  Roles with weight 0 never
    count and may be absent; scores for a role without a weight are rejected.

    Results are remembered by their exact inputs: the lines of a cohort repeat a few scores
    and weights, and the exact arithmetic dominated the scoring of thousands of lines.
    """
    try:
        key = (
            tuple((role, _key(value)) for role, value in scores_by_role.items()),
            tuple((role, _key(weight)) for role, weight in role_weights.items()),
            bool(redistribute),
        )
        hash(key)
    except TypeError:
        return _combine_raters(scores_by_role, role_weights, redistribute)
    return _combine_raters_cached(key)


@lru_cache(maxsize=65536)
def _combine_raters_cached(key: tuple) -> float:
    scores, weights, redistribute = key
    return _combine_raters(
        {role: _value(value) for role, value in scores},
        {role: _value(weight) for role, weight in weights},
        redistribute,
    )


def _combine_raters(
    scores_by_role: Mapping[str, Number | Iterable[Number] | None],
    role_weights: Mapping[str, Number],
    redistribute: bool = False,
) -> float:
    weights = {role: _num(weight, "weight") for role, weight in role_weights.items()}
    _weight_total(weights.values(), "the rater roles")
    unknown = sorted(str(role) for role in scores_by_role if role not in weights)
    if unknown:
        raise ScoringError(MSG_UNKNOWN_ROLES, {"roles": ", ".join(unknown)})
    means = {}
    for role in weights:
        scores = _role_scores(role, scores_by_role.get(role))
        if scores:
            means[role] = sum(scores, ZERO) / len(scores)
    missing = [role for role, weight in weights.items() if weight > 0 and role not in means]
    if missing and not redistribute:
        raise ScoringError(MSG_MISSING_ROLES, {"roles": ", ".join(missing)})
    present = sum((weights[role] for role in means), ZERO)
    if not present:
        raise ScoringError(MSG_NO_RATERS)
    return _round(sum((weights[role] * mean for role, mean in means.items()), ZERO) / present)


# --- grades ------------------------------------------------------------------------------------
GRADE_CODES = ("excellent", "good", "pass", "fail")


@dataclass(frozen=True)
class GradeThresholds:
    """Lowest score of each grade (第11条); a score below ``passing`` is 'fail'."""

    excellent: Number = 85
    good: Number = 75
    passing: Number = 60


#: 优秀 >= 85, 一般 75..84.99 (the seed's "75~54" is a typo), 合格 60..74.99, 不合格 < 60.
DEFAULT_GRADE_THRESHOLDS = GradeThresholds()


def _cuts(thresholds: GradeThresholds) -> tuple[Fraction, Fraction, Fraction]:
    excellent = _num(thresholds.excellent, "excellent")
    good = _num(thresholds.good, "good")
    passing = _num(thresholds.passing, "passing")
    if not ZERO < passing < good < excellent <= HUNDRED:
        params = {"passing": _fmt(passing), "good": _fmt(good), "excellent": _fmt(excellent)}
        raise ScoringError(MSG_THRESHOLDS, params)
    return excellent, good, passing


def check_thresholds(thresholds: GradeThresholds) -> None:
    """Check ``0 < passing < good < excellent <= 100`` (every grade stays reachable)."""
    _cuts(thresholds)


def _grade(value: Fraction, cuts: tuple[Fraction, Fraction, Fraction]) -> str:
    excellent, good, passing = cuts
    if value >= excellent:
        return "excellent"
    if value >= good:
        return "good"
    return "pass" if value >= passing else "fail"


def grade_for(score: Number, thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS) -> str:
    """Grade code of ``score``: a score equal to a cut score gets the higher grade.

    The score is compared as given (totals of this module are already rounded to 2 decimals):
    59.99 -> 'fail', 60 -> 'pass', 74.99 -> 'pass', 75 -> 'good', 84.99 -> 'good',
    85 -> 'excellent'.
    """
    return _grade(_score(score), _cuts(thresholds))


@dataclass(frozen=True)
class Distribution:
    """Counts and shares (percent of ``total``, rounded to 2 decimals) per grade code."""

    total: int
    counts: dict[str, int]
    shares: dict[str, float]


def distribution(
    scores: Iterable[Number], thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS
) -> Distribution:
    """How many scores fall in each grade (all four codes are present, in GRADE_CODES order)."""
    cuts = _cuts(thresholds)
    counts = dict.fromkeys(GRADE_CODES, 0)
    for score in scores:
        counts[_grade(_score(score), cuts)] += 1
    total = sum(counts.values())
    shares = {
        code: _round(Fraction(count * 100, total)) if total else 0.0
        for code, count in counts.items()
    }
    return Distribution(total, counts, shares)


# --- calibration -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DistributionPolicy:
    """第11条 2: 优秀 <= 10%, 一般 >= 60%, 不合格 about 5% (percentages of the cohort)."""

    max_excellent_percent: Number = 10
    min_good_percent: Number = 60
    fail_percent: Number = 5


DEFAULT_POLICY = DistributionPolicy()


@dataclass(frozen=True)
class PolicyLimits:
    """The policy in whole people for a cohort: excellent <= max_excellent, good >= min_good,
    fail <= max_fail."""

    max_excellent: int
    min_good: int
    max_fail: int


def _percent(value: object, name: str) -> Fraction:
    number = _num(value, name)
    if not ZERO <= number <= HUNDRED:
        raise ScoringError(MSG_POLICY_PERCENT, {"name": name, "value": _fmt(number)})
    return number


def policy_limits(total: int, policy: DistributionPolicy = DEFAULT_POLICY) -> PolicyLimits:
    """The policy in whole people for a cohort of ``total``.

    "不高于 10%" is strict: at most floor(10% x total) excellent.  "不低于 60%" is strict: at least
    ceil(60% x total) good.  "5% 左右" (about 5%) is the nearest whole number of people, half up:
    at most round(5% x total) fail, and no minimum: the seed only adjusts grades when shares are
    exceeded (严重超标时), so the calibration never makes people fail to reach 5%.
    """
    size = _count(total, "total")
    excellent = _percent(policy.max_excellent_percent, "max_excellent_percent") * size / HUNDRED
    good = _percent(policy.min_good_percent, "min_good_percent") * size / HUNDRED
    fail = _percent(policy.fail_percent, "fail_percent") * size / HUNDRED
    return PolicyLimits(
        max_excellent=math.floor(excellent),
        min_good=math.ceil(good),
        max_fail=_half_up(fail),
    )


def _unmet(counts: Mapping[str, int], limits: PolicyLimits) -> tuple[str, ...]:
    unmet = []
    if counts["excellent"] > limits.max_excellent:
        unmet.append("excellent")
    if counts["good"] < limits.min_good:
        unmet.append("good")
    if counts["fail"] > limits.max_fail:
        unmet.append("fail")
    return tuple(unmet)


def unmet_policy(
    dist: Distribution, policy: DistributionPolicy = DEFAULT_POLICY
) -> tuple[str, ...]:
    """Grade codes whose policy rule ``dist`` breaks: 'excellent', 'good', 'fail' (empty if met)."""
    return _unmet(dist.counts, policy_limits(dist.total, policy))


@dataclass(frozen=True)
class Calibration:
    """A proposal: the thresholds, the distribution they give and the rules still unmet."""

    thresholds: GradeThresholds
    distribution: Distribution
    unmet: tuple[str, ...]

    @property
    def satisfied(self) -> bool:
        return not self.unmet


def _hundredths(value: Fraction) -> int:
    return math.floor(value * 100)


def _base_cuts(base: GradeThresholds) -> tuple[int, int, int]:
    cuts = tuple(_half_up(cut * 100) for cut in _cuts(base))
    excellent, good, passing = cuts
    if not 0 < passing < good < excellent:
        params = {"passing": _show(base.passing), "good": _show(base.good)}
        params["excellent"] = _show(base.excellent)
        raise ScoringError(MSG_THRESHOLDS_GRID, params)
    return excellent, good, passing


def propose_thresholds(
    scores: Iterable[Number],
    policy: DistributionPolicy = DEFAULT_POLICY,
    base: GradeThresholds = DEFAULT_GRADE_THRESHOLDS,
) -> Calibration:
    """Propose grade cut scores meeting ``policy`` for ``scores``, moving ``base`` the least.

    Rules, all deterministic:

    * Cut scores are multiples of 0.01 (the precision of every total) and stay ordered within
      the scale, ``0 < pass < good < excellent <= 100``, so every grade remains reachable; the
      proposal never invents a cut above 100 or at 0.
    * Ties: a score equal to a cut gets the higher grade, so equal scores always share a grade
      and a cut never splits them.  When a limit falls inside a tie, the whole tie stays on the
      side the rule allows (e.g. with room for 2 excellent and 3 people tied at the top, none of
      the three is excellent).
    * Among all cut triples, the proposal first minimises the number of people by which the
      rules are missed (excess excellent + missing good + excess fail, see
      :func:`policy_limits`), then the total movement ``|e - e0| + |g - g0| + |p - p0|``, then
      the excellent cut.  So thresholds that already meet the policy are returned unchanged,
      and when the policy cannot be met (e.g. more than 10% tied at 100) the closest proposal
      is returned with ``unmet`` listing the rules still broken.

    Only moves that can help are considered: the excellent cut goes up (fewer excellent, more
    good), the good cut down (more good), the pass cut down (fewer fail, and below good).
    """
    values = [_score(score) for score in scores]
    limits = policy_limits(len(values), policy)
    base_e, base_g, base_p = _base_cuts(base)
    ranks = sorted(_hundredths(value) for value in values)
    best = None
    for cut_e in [base_e, *sorted({h + 1 for h in ranks if base_e <= h < 10000})]:
        candidate = _best_for_excellent_cut(ranks, limits, cut_e, base_g, base_p)
        missed, movement, cut_g, cut_p = candidate
        key = (missed, movement + cut_e - base_e, cut_e)
        if best is None or key < best[0]:
            best = (key, (cut_e, cut_g, cut_p))
    cut_e, cut_g, cut_p = best[1]
    thresholds = GradeThresholds(cut_e / 100, cut_g / 100, cut_p / 100)
    result = distribution(values, thresholds)
    return Calibration(thresholds, result, _unmet(result.counts, limits))


def _best_for_excellent_cut(
    ranks: list[int], limits: PolicyLimits, cut_e: int, base_g: int, base_p: int
) -> tuple[int, int, int, int]:
    """Best good and pass cuts (in hundredths) for a given excellent cut.

    ``ranks`` are the scores floored to hundredths, ascending (a score is >= a cut ``c`` exactly
    when its floored hundredths are >= c).  Returns (people missed, movement of g and p, g, p).
    """
    below_e = bisect_left(ranks, cut_e)
    excess_excellent = max(len(ranks) - below_e - limits.max_excellent, 0)
    # Good cut: the highest cut <= base that puts the most needed people in [g, e); g >= 0.02
    # so that a pass cut of at least 0.01 fits below it.
    available = below_e - bisect_left(ranks, 2)
    wanted = min(limits.min_good, available)
    cut_g = base_g if wanted == 0 else min(base_g, ranks[below_e - wanted])
    missing_good = max(limits.min_good - (below_e - bisect_left(ranks, cut_g)), 0)
    # Pass cut: the highest cut <= base and < g leaving at most max_fail (or, if even a cut of
    # 0.01 leaves more, as few as possible) below it.
    allowed = max(limits.max_fail, bisect_left(ranks, 1))
    cut_p = min(base_p, cut_g - 1)
    if allowed < len(ranks):
        cut_p = min(cut_p, ranks[allowed])
    excess_fail = max(bisect_left(ranks, cut_p) - limits.max_fail, 0)
    missed = excess_excellent + missing_good + excess_fail
    return missed, (base_g - cut_g) + (base_p - cut_p), cut_g, cut_p


# --- team bonus tiers --------------------------------------------------------------------------
#: 第12条: >= 90, 80..89.99, 70..79.99 pay configured amounts; 60..69.99 no bonus; < 60 留岗查看.
BONUS_TIERS: tuple[tuple[str, int], ...] = (("tier_1", 90), ("tier_2", 80), ("tier_3", 70))
NO_BONUS_MIN = 60


@dataclass(frozen=True)
class BonusTier:
    """Quarterly bonus outcome: ``code`` is tier_1/tier_2/tier_3, 'none' or 'watch'."""

    code: str
    amount: float
    watch: bool = False


def bonus_tier(score: Number, amounts: Mapping[str, Number | None]) -> BonusTier:
    """Quarterly bonus of a team member for ``score``.

    ``amounts`` maps tier_1, tier_2 and tier_3 to their amount (blank in the seed, so company
    parameters; all three are required and >= 0).  Below 60 the member is flagged 'watch'
    (留岗查看) and gets nothing; 60..69.99 gets nothing without a flag.
    """
    codes = [code for code, _minimum in BONUS_TIERS]
    unknown = sorted(str(code) for code in amounts if code not in codes)
    if unknown:
        raise ScoringError(MSG_UNKNOWN_TIERS, {"tiers": ", ".join(unknown)})
    missing = [code for code in codes if amounts.get(code) is None]
    if missing:
        raise ScoringError(MSG_MISSING_BONUS, {"tiers": ", ".join(missing)})
    paid = {}
    for code in codes:
        amount = _num(amounts[code], "amount")
        if amount < 0:
            raise ScoringError(MSG_BONUS_NEGATIVE, {"tier": code, "value": _fmt(amount)})
        paid[code] = amount
    value = _score(score)
    for code, minimum in BONUS_TIERS:
        if value >= minimum:
            return BonusTier(code, float(paid[code]))
    return BonusTier("none", 0.0) if value >= NO_BONUS_MIN else BonusTier("watch", 0.0, True)


# --- sheet total -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetResult:
    """Section scores (in the given order) and the sheet total, each rounded to 2 decimals."""

    section_scores: tuple[float, ...]
    total: float


def appraisal_total(
    sections: Iterable[tuple[Number, Iterable[tuple[Number, Number]]]],
) -> SheetResult:
    """Total of a sheet of ``(section_weight_percent, [(line_score, line_weight_percent), ...])``.

    Each section score is the weighted sum of its lines; the total is the weighted sum of the
    section scores as shown (rounded to 2 decimals), e.g. workshop staff: performance x 70% +
    attitude-and-ability x 30%.  Section weights and each section's line weights add up to 100.
    """
    sections = [(weight, list(lines)) for weight, lines in sections]
    _weight_total((weight for weight, _lines in sections), "the sections")
    scores = tuple(
        _round(_weighted(lines, f"section {number}"))
        for number, (_weight, lines) in enumerate(sections, start=1)
    )
    weighted = [(score, weight) for score, (weight, _lines) in zip(scores, sections, strict=True)]
    return SheetResult(scores, _round(_weighted(weighted, "the sections")))
