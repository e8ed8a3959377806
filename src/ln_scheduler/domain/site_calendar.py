"""When the site is open: weekly closed days, public holidays and the site's own closures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..i18n import N_, _
from .errors import DomainError

#: English weekday names, marked for the catalogue: translate at use (``_(WEEKDAY_NAMES[i])``).
WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                 N_("Sunday"))
CLOSURE_RULES = ("weekends", "us-holidays")


HolidaySource = Callable[[int], Mapping[date, str]]


def us_federal_holidays(year: int) -> dict[date, str]:
    """US federal holidays (with observed days) of ``year``, from the ``holidays`` package."""
    # Imported lazily: the package loads every country (~0.14 s), which `--closures none` and a
    # warm holiday cache never need.
    from holidays.countries.united_states import UnitedStates

    return dict(UnitedStates(years=year).items())


_source: HolidaySource = us_federal_holidays


def use_holiday_source(source: HolidaySource) -> None:
    """Let an outer layer put a cache in front of the holidays package (start-up time)."""
    global _source
    _source = source
    _us_holidays.cache_clear()


@cache
def _us_holidays(year: int) -> Mapping[date, str]:
    return _source(year)


@dataclass(frozen=True)
class SiteCalendar:
    """A site's opening days. Frozen and hashable so schedules can be cached by calendar."""

    closed_weekdays: frozenset[int] = frozenset({5, 6})
    us_holidays: bool = True
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_rules(cls, rules: Iterable[str], closed_dates: Iterable[date] = ()) -> SiteCalendar:
        """Build from rule names (``weekends``, ``us-holidays``; ``none`` for neither)."""
        names = {r.strip().lower() for r in rules if r.strip()}
        if names == {"none"}:
            names = set()
        unknown = names - set(CLOSURE_RULES)
        if unknown:
            raise DomainError(
                _("unknown closure rule '{rule}': use weekends, us-holidays, both separated by a comma, or "
                  "none").format(rule=sorted(unknown)[0])
            )
        return cls(
            closed_weekdays=frozenset({5, 6}) if "weekends" in names else frozenset(),
            us_holidays="us-holidays" in names,
            closed_dates=frozenset(closed_dates),
        )

    @classmethod
    def parse_rules(cls, text: str, closed_dates: Iterable[date] = ()) -> SiteCalendar:
        return cls.from_rules(text.split(","), closed_dates)

    @property
    def rule_names(self) -> tuple[str, ...]:
        names = []
        if self.closed_weekdays == frozenset({5, 6}):
            names.append("weekends")
        if self.us_holidays:
            names.append("us-holidays")
        return tuple(names)

    def closure_reason(self, d: date) -> str | None:
        """Why the site is closed on ``d`` (for a tooltip or a flag), or None when open; in the
        interface language (a holiday's name as the holidays package gives it, in English)."""
        if d in self.closed_dates:
            return _("site closure")
        if d.weekday() in self.closed_weekdays:
            return _(WEEKDAY_NAMES[d.weekday()])
        if self.us_holidays:
            name = _us_holidays(d.year).get(d)
            if name:
                return name
        return None

    def is_open(self, d: date) -> bool:
        return self.closure_reason(d) is None
