"""Learnable activations: their parameters are weights, trained with the rest of the network.

``ka.layers.PReLU`` learns the slope of the negative part (He et al. 2015); with
``shared_axes=[1, 2]`` on images it learns one slope per channel, as in the
paper. ``ka.layers.PAU`` (Padé activation unit, Molina et al. 2020) learns a
whole rational function, starting from a fit of a known activation.

No seed is set, so the numbers vary a little from run to run; call
``keras.utils.set_random_seed(0)`` first to make them repeatable.

Run: ``KERAS_BACKEND=tensorflow python examples/learnable_activation.py`` (any backend).
"""

import keras
import numpy as np

import keras_activations as ka
from keras_activations.arena import load_dataset

PATH = "learnable_demo.keras"


def main():
    data = load_dataset("digits")  # 8x8 images, shape (n, 8, 8, 1)

    prelu = ka.layers.PReLU(shared_axes=[1, 2], name="prelu")  # one slope per channel
    pau = ka.layers.PAU(name="pau")  # a learned rational function
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(16, 3, padding="same"),
            prelu,
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(32),
            pau,
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy")

    alpha_before = keras.ops.convert_to_numpy(prelu.alpha).ravel().copy()
    pau_before = [keras.ops.convert_to_numpy(w).copy() for w in pau.trainable_weights]
    print(f"PReLU slopes: {alpha_before.size} (one per channel), all {alpha_before[0]:.2f} at start")
    print(f"PAU trainable coefficients: {sum(w.size for w in pau_before)}")

    model.fit(data.x_train, data.y_train, epochs=3, batch_size=64, verbose=0)
    predictions = keras.ops.convert_to_numpy(model(data.x_test))
    accuracy = np.mean(np.argmax(predictions, axis=-1) == data.y_test)
    print(f"test accuracy after 3 epochs: {accuracy:.3f}")

    alpha_after = keras.ops.convert_to_numpy(prelu.alpha).ravel()
    print(f"PReLU slopes after training: min {alpha_after.min():.3f}, mean {alpha_after.mean():.3f}, "
          f"max {alpha_after.max():.3f}")
    print(f"PReLU slopes were learned: {not np.allclose(alpha_before, alpha_after)}")
    pau_after = [keras.ops.convert_to_numpy(w) for w in pau.trainable_weights]
    moved = any(not np.allclose(u, v) for u, v in zip(pau_before, pau_after))
    print(f"PAU coefficients were learned: {moved}")

    model.save(PATH)
    loaded = keras.models.load_model(PATH)
    reloaded_alpha = keras.ops.convert_to_numpy(loaded.get_layer("prelu").alpha).ravel()
    print(f"learned slopes survive save/load: {np.array_equal(alpha_after, reloaded_alpha)}")
    same = np.array_equal(predictions, keras.ops.convert_to_numpy(loaded(data.x_test)))
    print(f"identical predictions after reload: {same}")


if __name__ == "__main__":
    main()
