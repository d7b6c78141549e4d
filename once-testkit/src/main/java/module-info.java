/**
 * The store contract suite and the test doubles every store's tests share.
 *
 * <p>An open module: JUnit and jqwik discover and call the inherited test methods of the contract
 * classes by reflection, from whichever module a store's tests live in.
 */
open module dev.once.testkit {
  requires transitive dev.once.core;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;
  requires transitive org.assertj.core;

  exports dev.once.testkit;
}
