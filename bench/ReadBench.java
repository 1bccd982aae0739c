import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleSource;

/** Reads a bundle source N times in one JVM (reader only: no parse/validate/compile); prints each time in ms. */
public class ReadBench {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            BundleFiles f = BundleSource.of(a[0]).read();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            sb.append(ms).append(i == n - 1 ? "" : ",");
            if (f.files().isEmpty()) throw new IllegalStateException();
        }
        Runtime.getRuntime().gc();
        System.out.println(a[0] + " read ms: " + sb);
    }
}
