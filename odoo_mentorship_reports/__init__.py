from . import controllers
from . import report
from . import wizard
