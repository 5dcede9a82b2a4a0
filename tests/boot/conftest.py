import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import warnings

# pexpect 4.8's PopenSpawn uses a deprecated threading call; not our concern.
warnings.filterwarnings("ignore", category=DeprecationWarning, module="pexpect")
