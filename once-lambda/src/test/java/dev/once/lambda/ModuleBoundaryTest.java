package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API boundary as the JVM enforces it, seen from a module outside once-core: these tests run on
 * the module path (surefire patches them into {@code dev.once.lambda}), so the descriptors read
 * here are the ones the compiler and the JVM apply to user code.
 */
class ModuleBoundaryTest {

  private static final Module CORE = Idempotency.class.getModule();

  /** What user code may reach: the API and the SPI, nothing else. */
  @Test
  void coreExportsItsApiAndSpiToEveryone() {
    assertThat(CORE.isNamed()).as("once-core runs as a named module").isTrue();
    assertThat(CORE.getName()).isEqualTo("dev.once.core");

    assertThat(unqualifiedExports(CORE)).containsExactlyInAnyOrder("dev.once", "dev.once.spi");
  }

  /**
   * Core has no package beyond what it exports, and its engine is package-private there: neither
   * user code nor Once's other modules can construct it, whatever the module graph.
   */
  @Test
  void coreHasNoHiddenPackageAndItsEngineIsNotPublic() throws ClassNotFoundException {
    assertThat(CORE.getPackages()).containsExactlyInAnyOrder("dev.once", "dev.once.spi");

    Class<?> engine = Class.forName("dev.once.Engine", false, CORE.getClassLoader());
    assertThat(Modifier.isPublic(engine.getModifiers())).as("Engine is public").isFalse();
    assertThat(engine.getDeclaredConstructors())
        .noneMatch(c -> Modifier.isPublic(c.getModifiers()));
  }

  /**
   * Every module of Once in the layer: no package named {@code internal} is exported to everyone,
   * and a qualified export names only Once's own modules.
   */
  @Test
  void noOnceModuleExportsAnInternalPackageBeyondOnce() {
    List<Module> once =
        ModuleLayer.boot().modules().stream()
            .filter(m -> m.getName().startsWith("dev.once."))
            .toList();
    assertThat(once).extracting(Module::getName).contains("dev.once.core", "dev.once.lambda");

    for (Module module : once) {
      assertThat(unqualifiedExports(module))
          .as("packages %s exports to everyone", module.getName())
          .noneMatch(p -> p.contains(".internal"));
      assertThat(
              module.getDescriptor().exports().stream()
                  .filter(Exports::isQualified)
                  .flatMap(e -> e.targets().stream()))
          .as("modules %s exports a package to", module.getName())
          .allMatch(target -> target.startsWith("dev.once."));
    }
  }

  private static Set<String> unqualifiedExports(Module module) {
    return module.getDescriptor().exports().stream()
        .filter(e -> !e.isQualified())
        .map(Exports::source)
        .collect(Collectors.toSet());
  }
}
