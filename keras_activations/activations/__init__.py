"""The catalogue's functions, one module per family.

Importing this package registers every activation (see ``_registry``). The
modules are imported explicitly, in a fixed order, so that the catalogue's
order is stable.
"""

from keras_activations.activations import classic  # noqa: F401
from keras_activations.activations import rectifiers  # noqa: F401
from keras_activations.activations import exponential  # noqa: F401
from keras_activations.activations import sigmoidal  # noqa: F401
from keras_activations.activations import softplus_family  # noqa: F401
from keras_activations.activations import gated_units  # noqa: F401
from keras_activations.activations import periodic  # noqa: F401
from keras_activations.activations import shrinkage  # noqa: F401
from keras_activations.activations import other  # noqa: F401
from keras_activations.activations import normalizing  # noqa: F401
from keras_activations.activations import gated  # noqa: F401
from keras_activations.activations import adaptive  # noqa: F401
from keras_activations.activations import legacy  # noqa: F401
from keras_activations import _fast  # noqa: F401  (fast paths; keep last: it reads the whole registry)
