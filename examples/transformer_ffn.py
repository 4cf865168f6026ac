"""A transformer block whose feed-forward part uses a gated activation (SwiGLU).

Shazeer (2020, arXiv:2002.05202) replaced the transformer's ReLU feed-forward
block ``max(0, xW₁)W₂`` by a gated one, ``(Swish(xW) ⊗ xV)W₂``, and shrank the
hidden width to 2/3 so the parameter count stays the same; LLaMA, PaLM and most
recent language models use it. ``ka.layers.GatedFeedForward`` is that block:
one fused input projection, the gated activation (``"swiglu"`` by default, or
``"geglu"``, ``"reglu"``, ...), and the output projection.

Here a tiny transformer reads each 8x8 digit as a sequence of 8 rows.

No seed is set, so the numbers vary a little from run to run; call
``keras.utils.set_random_seed(0)`` first to make them repeatable.

Run: ``KERAS_BACKEND=jax python examples/transformer_ffn.py`` (any backend).
"""

import keras
import numpy as np

import keras_activations as ka
from keras_activations.arena import load_dataset

DIM, HEADS, FFN_WIDTH = 32, 2, 96
PATH = "transformer_ffn_demo.keras"


@keras.saving.register_keras_serializable(package="examples")
class PositionEmbedding(keras.layers.Layer):
    """Adds a learned vector per sequence position."""

    def build(self, input_shape):
        self.positions = self.add_weight(shape=tuple(input_shape[1:]), initializer="zeros",
                                         name="positions")

    def call(self, x):
        return x + self.positions


def transformer_block(x, activation="swiglu"):
    attended = keras.layers.MultiHeadAttention(HEADS, key_dim=DIM // HEADS)(x, x)
    x = keras.layers.LayerNormalization()(x + attended)
    ffn = ka.layers.GatedFeedForward(FFN_WIDTH, activation=activation, width_rule="two_thirds",
                                     name="gated_ffn")
    return keras.layers.LayerNormalization()(x + ffn(x)), ffn


def main():
    data = load_dataset("digits")
    x_train = data.x_train.reshape(-1, 8, 8)  # 8 tokens (rows) of 8 features
    x_test = data.x_test.reshape(-1, 8, 8)

    inputs = keras.Input((8, 8))
    x = PositionEmbedding()(keras.layers.Dense(DIM)(inputs))
    x, ffn = transformer_block(x, "swiglu")
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.GlobalAveragePooling1D()(x))
    model = keras.Model(inputs, outputs)

    plain = DIM * FFN_WIDTH + FFN_WIDTH * DIM  # a ReLU block of width 96, without biases
    print(f"gated width (2/3 rule): {ffn.units}; parameters {ffn.count_params()} "
          f"vs {plain} for a plain ReLU block of width {FFN_WIDTH}")

    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy")
    model.fit(x_train, data.y_train, epochs=4, batch_size=64, verbose=0)
    predictions = keras.ops.convert_to_numpy(model(x_test))
    accuracy = np.mean(np.argmax(predictions, axis=-1) == data.y_test)
    print(f"test accuracy after 4 epochs: {accuracy:.3f}")

    model.save(PATH)
    loaded = keras.models.load_model(PATH)
    same = np.array_equal(predictions, keras.ops.convert_to_numpy(loaded(x_test)))
    print(f"reloaded block activation: {loaded.get_layer('gated_ffn').get_config()['activation']}")
    print(f"identical predictions after reload: {same}")


if __name__ == "__main__":
    main()
