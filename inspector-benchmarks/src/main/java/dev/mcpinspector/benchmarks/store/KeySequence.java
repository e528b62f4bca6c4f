package dev.mcpinspector.benchmarks.store;

import java.util.Random;

/**
 * Precomputed sequences of session indexes, uniform or Zipf-distributed, so the benchmark loop
 * spends nothing on random numbers.
 */
public final class KeySequence {

  /** Length of a sequence; a power of two so the loop can mask. */
  public static final int LENGTH = 1 << 16;

  private KeySequence() {}

  /**
   * Builds a sequence.
   *
   * @param distribution {@code uniform} or {@code zipf} (exponent 1, ranks shuffled over ids)
   * @param n the number of distinct keys
   * @param seed the random seed
   * @return {@link #LENGTH} indexes in {@code [0, n)}
   */
  public static int[] of(String distribution, int n, long seed) {
    Random random = new Random(seed);
    int[] seq = new int[LENGTH];
    switch (distribution) {
      case "uniform" -> {
        for (int i = 0; i < LENGTH; i++) {
          seq[i] = random.nextInt(n);
        }
      }
      case "zipf" -> {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += 1.0 / (k + 1);
          cdf[k] = sum;
        }
        int[] rankToKey = new int[n];
        for (int i = 0; i < n; i++) {
          rankToKey[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = rankToKey[i];
          rankToKey[i] = rankToKey[j];
          rankToKey[j] = t;
        }
        for (int i = 0; i < LENGTH; i++) {
          double u = random.nextDouble() * sum;
          int lo = 0;
          int hi = n - 1;
          while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          seq[i] = rankToKey[lo];
        }
      }
      default ->
          throw new IllegalArgumentException(
              "distribution must be uniform or zipf, but was " + distribution);
    }
    return seq;
  }
}
