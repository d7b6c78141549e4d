package dev.once.bench.sidebyside;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs' classpaths, cut from the harness's own: each side gets the benchmark's classes
 * and its own libraries, and nothing of the harness (JMH, the test-jar with DynaliteServer). The
 * raw side gets the AWS SDK (with its Reactive Streams and SLF4J API) only; the Once side gets that
 * plus Once and what Once needs (Jackson, JMESPath, Caffeine). Both get the SLF4J no-op provider,
 * and under the runtime client both get the Lambda jars.
 *
 * @param bench the benchmark's own classes (a directory or jar), on both sides
 * @param raw the raw side's libraries
 * @param once the Once side's libraries
 * @param lambda the Lambda jars (runtime interface client, {@code aws-lambda-java-core})
 */
record Classpaths(List<Path> bench, List<Path> raw, List<Path> once, List<Path> lambda) {

  /** Splits this JVM's classpath (Surefire's when run in a test). */
  static Classpaths ofThisJvm() {
    String surefire = System.getProperty("surefire.test.class.path");
    String all =
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    List<Path> bench = new ArrayList<>();
    List<Path> raw = new ArrayList<>();
    List<Path> once = new ArrayList<>();
    List<Path> lambda = new ArrayList<>();
    for (String entry : all.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry);
      String name = path.toString().replace(File.separatorChar, '/');
      if (name.contains("once-bench")) {
        bench.add(path);
      } else if (harnessOnly(name)) {
        continue;
      } else if (name.contains("/com/amazonaws/")) {
        lambda.add(path);
      } else {
        once.add(path);
        if (name.contains("/software/amazon/")
            || name.contains("/org/reactivestreams/")
            || name.contains("/org/slf4j/")) {
          raw.add(path);
        }
      }
    }
    return new Classpaths(List.copyOf(bench), List.copyOf(raw), List.copyOf(once), lambda);
  }

  private static boolean harnessOnly(String name) {
    return name.contains("/org/openjdk/jmh/")
        || name.contains("/net/sf/jopt-simple/")
        || name.contains("/org/apache/commons/")
        || name.endsWith("-tests.jar")
        || name.endsWith("/test-classes")
        || name.contains("/org/junit/")
        || name.contains("/org/assertj/")
        || name.contains("/org/opentest4j/")
        || name.contains("/org/apiguardian/")
        || name.contains("/net/bytebuddy/")
        || name.contains("surefire");
  }

  /** The libraries of {@code side}, without the benchmark's classes. */
  List<Path> libraries(Side side) {
    return side == Side.ONCE ? once : raw;
  }

  /** The classpath string of a child on {@code side}, with the Lambda jars when asked. */
  String of(Side side, boolean withLambda) {
    List<String> entries = new ArrayList<>();
    bench.forEach(p -> entries.add(p.toString()));
    libraries(side).forEach(p -> entries.add(p.toString()));
    if (withLambda) {
      lambda.forEach(p -> entries.add(p.toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Bytes of {@code side}'s library jars (the benchmark's own classes and Lambda jars left out).
   */
  long bytes(Side side) {
    long total = 0;
    for (Path entry : libraries(side)) {
      total += size(entry);
    }
    return total;
  }

  /** A jar's size; a directory of classes (a reactor module in a test run) counts its files. */
  private static long size(Path entry) {
    try (var files = Files.walk(entry)) {
      return files.filter(Files::isRegularFile).mapToLong(Classpaths::fileSize).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
