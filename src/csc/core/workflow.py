"""Explicit workflows (ARCHITECTURE rule 2): states and the steps between them, in one place."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .errors import IllegalTransition


@dataclass(frozen=True)
class Step:
    sources: tuple
    target: str
    label: str = ""


# Every workflow declared, so a test can prove that no status field is left without one.
DECLARED = []


@dataclass(frozen=True)
class Workflow:
    """The allowed steps of a stateful record; ``steps`` maps a verb to its Step."""

    states: type  # a TextChoices class
    steps: dict = field(default_factory=dict)
    field: str = "status"

    def __post_init__(self):
        DECLARED.append(self)

    def allowed(self, obj):
        """Return the verbs allowed from the object's current state."""
        state = getattr(obj, self.field)
        return [verb for verb, step in self.steps.items() if state in step.sources]

    def check(self, obj, verb):
        """Raise IllegalTransition with an explanation unless ``verb`` is allowed now."""
        step = self.steps[verb]
        state = getattr(obj, self.field)
        if state in step.sources:
            return step
        allowed_from = "、".join(str(self.states(s).label) for s in step.sources)
        raise IllegalTransition(
            _(
                "“%(step)s” is not possible while the record is “%(state)s”; it is allowed only from: %(allowed)s."
            )
            % {
                "step": step.label or verb,
                "state": self.states(state).label,
                "allowed": allowed_from,
            }
        )

    def apply(self, obj, verb):
        """Move the object along ``verb``; return (old state, new state). Does not save."""
        step = self.check(obj, verb)
        old = getattr(obj, self.field)
        setattr(obj, self.field, step.target)
        return old, step.target
