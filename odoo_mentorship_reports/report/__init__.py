from . import mentorship_pair_card
