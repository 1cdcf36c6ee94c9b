package org.allocd.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The main classes and the jars allocmgr needs, copied where any uid may read them (the build's are under /root). */
final class ReadableClasspath {
    private ReadableClasspath() {}

    /** Copies into dir/cp; returns that directory. */
    static Path copy(Path dir) throws IOException {
        Path target = dir.resolve("cp");
        Files.createDirectories(target);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            String name = source.getFileName().toString();
            if (Files.isDirectory(source) && source.endsWith("classes") && !name.equals("test-classes")) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path copy = target.resolve("classes").resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy);
                        }
                    }
                }
            } else if (name.startsWith("picocli-") || name.startsWith("jackson-") || name.startsWith("jna-")) {
                Files.copy(source, target.resolve(name));
            }
        }
        return target;
    }

    /** java running org.allocd.Main allocmgr from the copy, as uid (setpriv), with JNA unpacking into a 1777 dir. */
    static List<String> allocmgr(Path classpath, int uid) throws IOException {
        Path tmp = classpath.resolveSibling("jna-tmp");
        Files.createDirectories(tmp);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-Djna.tmpdir=" + tmp, "-cp",
                classpath + File.separator + "*" + File.pathSeparator + classpath.resolve("classes"),
                "org.allocd.Main", "allocmgr"));
    }
}
