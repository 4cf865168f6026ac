"""Save a model that uses catalogue activations in every style, and load it back.

A saved ``.keras`` file records each activation by its registered name
(``keras_activations>serf``) or, for layers, by class and configuration
(``keras_activations>Snake`` with ``frequency=2.0``). Loading needs nothing but
``import keras_activations`` before ``keras.models.load_model``.

No seed is set, so the numbers vary a little from run to run; call
``keras.utils.set_random_seed(0)`` first to make them repeatable.

Run: ``KERAS_BACKEND=torch python examples/save_and_load.py`` (any backend).
"""

import json
import os
import zipfile

import keras
import numpy as np

import keras_activations as ka
from keras_activations.arena import load_dataset

PATH = "activations_demo.keras"


def build():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="serf"),  # 1. a string
            keras.layers.Dense(64, activation=ka.smish),  # 2. the function object
            keras.layers.Dense(64),
            keras.layers.Activation("tanh_exp"),  # 3. the separate Activation layer
            keras.layers.Dense(64, activation=ka.layers.Snake(frequency=2.0)),  # 4. a configured layer
            keras.layers.Dense(64),
            ka.layers.PReLU(),  # 5. a learnable layer
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def describe(stored):
    """A readable form of an activation entry of a saved config."""
    if isinstance(stored, str):
        return stored
    if isinstance(stored.get("config"), str):  # a function: {"config": "keras_activations>serf", ...}
        return stored["config"]
    return stored.get("registered_name") or stored["class_name"]  # a layer


def main():
    data = load_dataset("digits")
    x_train = data.x_train.reshape(len(data.x_train), -1)
    x_test = data.x_test.reshape(len(data.x_test), -1)

    model = build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, data.y_train, epochs=2, batch_size=64, verbose=0)
    before = keras.ops.convert_to_numpy(model(x_test))

    model.save(PATH)
    print(f"saved {PATH} ({os.path.getsize(PATH) / 1024:.0f} KiB)")

    # What the file says about the activations (config.json inside the .keras zip).
    with zipfile.ZipFile(PATH) as archive:
        config = json.loads(archive.read("config.json"))
    print("activations as stored in the file:")
    for layer in config["config"]["layers"]:
        stored = layer.get("registered_name") or layer["config"].get("activation")
        if stored in (None, "linear") or layer["class_name"] == "InputLayer":
            continue
        print(f"  {layer['class_name']:10s} -> {describe(stored)}")

    loaded = keras.models.load_model(PATH)  # works because keras_activations is imported
    after = keras.ops.convert_to_numpy(loaded(x_test))
    print(f"identical predictions after reload: {np.array_equal(before, after)}")
    same_weights = all(np.array_equal(u, v) for u, v in zip(model.get_weights(), loaded.get_weights()))
    print(f"identical weights after reload: {same_weights}")
    dense = next(l for l in loaded.layers if isinstance(getattr(l, "activation", None), keras.layers.Layer))
    print(f"reloaded layer-as-activation: {type(dense.activation).__name__} (inside {dense.name})")
    accuracy = float(np.mean(np.argmax(after, axis=-1) == data.y_test))
    print(f"reloaded model test accuracy: {accuracy:.3f}")


if __name__ == "__main__":
    main()
