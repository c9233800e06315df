from . import portal
from . import personal_data
from . import honour_board
