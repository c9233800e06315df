from . import mentorship_enrol_employee
