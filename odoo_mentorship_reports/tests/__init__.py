from . import test_documents
from . import test_pair_card
