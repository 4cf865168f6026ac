"""The demo: both Keras styles with catalogue activations, trained on real data, saved and reloaded.

Trains a small network on scikit-learn's handwritten digits (shipped inside
scikit-learn, no download) with activations given by name, as an Activation
layer, as a configured layer and as a learnable layer; saves it; loads it back
in this process after ``import keras_activations`` and checks the predictions.

Run: ``make demo`` (or ``KERAS_BACKEND=jax python examples/demo.py`` on any backend).
"""

import os
import sys
import tempfile

import keras
import numpy as np
from sklearn.datasets import load_digits

import keras_activations as ka


def main() -> int:
    keras.utils.set_random_seed(0)
    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = digits.target.astype("int32")
    order = np.random.default_rng(0).permutation(len(x))
    x, y = x[order], y[order]
    split = int(0.8 * len(x))
    model = keras.Sequential([
        keras.Input((64,)),
        keras.layers.Dense(64, activation="serf"),              # style 1: by name
        keras.layers.Dense(64),
        keras.layers.Activation("snake"),                       # style 2: an Activation layer
        keras.layers.Dense(64, activation=ka.layers.GELUTanh()),  # a configured layer
        keras.layers.Dense(64),
        ka.layers.PReLU(),                                      # a learnable activation
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x[:split], y[:split], epochs=8, batch_size=64, verbose=2)
    loss, accuracy = model.evaluate(x[split:], y[split:], verbose=0)
    print(f"backend={keras.backend.backend()} test accuracy={accuracy:.3f} loss={loss:.3f}")
    out_dir = os.environ.get("DEMO_OUT", tempfile.mkdtemp())
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "demo.keras")
    model.save(path)
    reloaded = keras.models.load_model(path)
    same = np.array_equal(keras.ops.convert_to_numpy(model(x[split:])),
                          keras.ops.convert_to_numpy(reloaded(x[split:])))
    print(f"saved {path}; reloaded predictions identical: {same}")
    return 0 if same and accuracy > 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
