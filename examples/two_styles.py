"""The two ways Keras lets you give a layer an activation, side by side.

An activation can be an argument of the layer that computes the features
(``Dense(64, activation="serf")``), or a layer of its own placed after it
(``Dense(64)`` then ``Activation("serf")``). Both compute the same function; the
second lets you put something in between (batch normalisation, dropout) and
shows the activation as its own step in ``model.summary()``.

After ``import keras_activations`` every name of the catalogue works in both
styles, next to Keras's own names, and so do the function object and a
configured layer.

No seed is set, so the numbers vary a little from run to run; call
``keras.utils.set_random_seed(0)`` first to make them repeatable.

Run: ``KERAS_BACKEND=jax python examples/two_styles.py`` (any backend).
"""

import keras
import numpy as np

import keras_activations as ka
from keras_activations.arena import load_dataset

ACTIVATION = "serf"  # any name from `keras-activations list`


def style_1_argument(activation):
    """The activation as an argument of the Dense layer."""
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation=activation),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="argument_style",
    )


def style_2_layer(activation):
    """The activation as a separate Activation layer."""
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64),
            keras.layers.Activation(activation),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="layer_style",
    )


def main():
    data = load_dataset("digits")  # scikit-learn's bundled 8x8 digits
    x_train = data.x_train.reshape(len(data.x_train), -1)
    x_test = data.x_test.reshape(len(data.x_test), -1)

    a = style_1_argument(ACTIVATION)
    b = style_2_layer(ACTIVATION)
    b.set_weights(a.get_weights())  # same weights: the two styles must agree exactly
    same = np.allclose(keras.ops.convert_to_numpy(a(x_test)), keras.ops.convert_to_numpy(b(x_test)),
                       rtol=1e-6, atol=1e-7)
    print(f"style 1: Dense(64, activation={ACTIVATION!r})")
    print(f"style 2: Dense(64) + Activation({ACTIVATION!r})")
    print(f"same outputs with the same weights: {same}")

    for model in (a, b):
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, data.y_train, epochs=3, batch_size=64, verbose=0, shuffle=False)
        predicted = np.argmax(keras.ops.convert_to_numpy(model(x_test)), axis=-1)
        accuracy = np.mean(predicted == data.y_test)
        print(f"{model.name:15s} test accuracy after 3 epochs: {accuracy:.3f}")

    # The other ways to name the same activation in either style:
    alternatives = {
        "by name": "serf",
        "registered name": "keras_activations>serf",
        "function object": ka.serf,
        "configured layer": ka.layers.Serf(),
    }
    reference = keras.ops.convert_to_numpy(ka.serf(x_test[:4]))
    for label, activation in alternatives.items():
        layer = keras.layers.Activation(activation)
        agrees = np.allclose(keras.ops.convert_to_numpy(layer(x_test[:4])), reference)
        print(f"Activation({label}) agrees: {agrees}")

    # A bare Keras name keeps meaning Keras's own function; ours is one prefix away.
    print("'gelu' is Keras's gelu:", keras.activations.get("gelu") is keras.activations.gelu)
    print("'keras_activations>gelu' is ours:", keras.activations.get("keras_activations>gelu") is ka.gelu)


if __name__ == "__main__":
    main()
