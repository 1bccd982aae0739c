package io.iamgate.tools.gen;

import java.util.Arrays;
import java.util.Random;

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s (a few callers and notebooks are hot). */
public final class Zipf {
    private final double[] cdf;

    public Zipf(int n, double s) {
        cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
    }

    public int sample(Random r) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }
}
