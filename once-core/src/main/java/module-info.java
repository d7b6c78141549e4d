/**
 * Once's engine and its two public surfaces: the API a caller uses ({@code dev.once}) and the store
 * SPI a store implements ({@code dev.once.spi}).
 *
 * <p>{@code dev.once.internal} holds the engine and its helpers. It is exported only to Once's own
 * modules that still need a piece of it, never to user code; each entry of that list is a
 * dependency to remove, not a contract.
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

  // One module per line, so the list shrinks by deleting lines.
  exports dev.once.internal to
      dev.once.dynamodb,
      dev.once.redis,
      dev.once.jdbc,
      dev.once.lambda,
      dev.once.cli;
}
