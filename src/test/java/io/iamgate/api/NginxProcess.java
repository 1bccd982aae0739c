package io.iamgate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts Debian's nginx in the foreground on a private prefix {@code dir} holding a prepared
 * {@code gateway.conf} (a shipped gateway file with the test's substitutions): writes the temp
 * directories and an {@code nginx.conf} that includes it. Output goes to {@code dir/stdout.log}, the
 * error log to {@code dir/error.log}.
 */
public final class NginxProcess {
    private NginxProcess() {
    }

    /**
     * @param masterProcess with a master process, {@code nginx -s quit} drains open requests (what a pod's
     *                      preStop relies on); without one nginx runs as a single process that exits at once
     */
    public static Process start(Path bin, Path dir, boolean masterProcess, int workerConnections) throws IOException {
        for (String t : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            Files.createDirectories(dir.resolve(t));
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                %2$sworker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections %3$d; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/gateway.conf;
                }
                """.formatted(dir, masterProcess ? "" : "master_process off;\n", workerConnections));
        return new ProcessBuilder(bin.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    }
}
