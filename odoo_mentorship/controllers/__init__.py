from . import portal
from . import personal_data
from . import public_page
from . import honour_board
