from . import report_tools
from . import mentorship_pair_card
from . import mentorship_documents
from . import mentorship_personal_data
from . import mentorship_mentor_training
