from . import mentorship_diary_print
from . import mentorship_district_monitoring
