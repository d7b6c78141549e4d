package dev.once.bench.sidebyside;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classes a child loaded before its marker, from its {@code -Xlog:class+load} lines, counted in
 * total and per library by package (generated lambda and proxy classes count with the package that
 * made them).
 */
final class ClassCounts {

  /** The libraries counted, in table order, each with the package prefixes that belong to it. */
  static final Map<String, List<String>> LIBRARIES = libraries();

  private ClassCounts() {}

  private static Map<String, List<String>> libraries() {
    Map<String, List<String>> libraries = new LinkedHashMap<>();
    libraries.put("JDK", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
    libraries.put("AWS SDK", List.of("software.amazon."));
    libraries.put("Once", List.of("dev.once."));
    libraries.put("Jackson", List.of("com.fasterxml.jackson."));
    libraries.put("JMESPath", List.of("io.burt.jmespath."));
    libraries.put("Caffeine", List.of("com.github.benmanes.caffeine."));
    libraries.put("SLF4J", List.of("org.slf4j."));
    libraries.put("benchmark", List.of("dev.once.bench."));
    return libraries;
  }

  /**
   * Counts per library; {@code other} for a class of none, {@code total} for all.
   *
   * @param loadLines lines as {@code [0.1s][info][class,load] a.b.C source: ...}
   */
  static Map<String, Integer> count(List<String> loadLines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    LIBRARIES.keySet().forEach(library -> counts.put(library, 0));
    counts.put("other", 0);
    for (String line : loadLines) {
      String rest = line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim();
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      counts.merge(libraryOf(name), 1, Integer::sum);
    }
    counts.put("total", loadLines.size());
    return counts;
  }

  private static String libraryOf(String className) {
    String found = "other";
    int longest = -1;
    for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
      for (String prefix : library.getValue()) {
        if (className.startsWith(prefix) && prefix.length() > longest) {
          found = library.getKey();
          longest = prefix.length();
        }
      }
    }
    return found;
  }
}
