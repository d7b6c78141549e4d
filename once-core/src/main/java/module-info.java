/**
 * Once's engine and its two public surfaces: the API a caller uses ({@code dev.once}) and the store
 * SPI a store implements ({@code dev.once.spi}).
 *
 * <p>The engine itself is package-private in {@code dev.once}, beside the builder that checks its
 * settings, so no other module (Once's own included) can construct or reach into it.
 */
@SuppressWarnings("requires-automatic") // jmespath-jackson has no Automatic-Module-Name
module dev.once.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires jmespath.core;
  requires jmespath.jackson;
  requires org.slf4j;

  exports dev.once;
  exports dev.once.spi;
}
