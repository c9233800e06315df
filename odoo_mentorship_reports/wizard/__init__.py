from . import mentorship_diary_print
