from . import test_documents
from . import test_pair_card
from . import test_personal_data
from . import test_dashboards
from . import test_protocol_documents
from . import test_district_monitoring
from . import test_public_orders
from . import test_training_documents
