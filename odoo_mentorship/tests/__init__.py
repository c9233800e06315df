from . import test_access
from . import test_experience
from . import test_meeting_pipeline
from . import test_monitoring_kpi
from . import test_pair_rules
from . import test_programme
from . import test_roadmap_orders
from . import test_matching
