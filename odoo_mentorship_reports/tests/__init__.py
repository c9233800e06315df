from . import test_pair_card
