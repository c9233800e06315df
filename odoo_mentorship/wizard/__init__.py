from . import mentorship_enrol_employee
from . import mentorship_roadmap_create
from . import survey_invite
from . import mentorship_survey_send
from . import mentorship_match_wizard
from . import portal_wizard
from . import mentorship_kpi_compute
from . import mentorship_employee_match
