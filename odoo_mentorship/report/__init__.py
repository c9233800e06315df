from . import mentorship_participation
