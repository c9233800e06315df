from . import mentorship_enrol_employee
from . import mentorship_roadmap_create
