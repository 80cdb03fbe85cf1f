package io.edgebus.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds the test handler bundle from the compiled classes of io.edgebus.itest.handler, in any version. */
final class HandlerBundles {
    static final String SYMBOLIC_NAME = "io.edgebus.itest.handler";

    private HandlerBundles() {
    }

    static byte[] handlerBundle(String version) throws IOException, URISyntaxException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", "io.edgebus.itest.handler.Activator");
        a.putValue("Import-Package", "io.edgebus.api;version=\"[1.0,2)\","
                + "io.edgebus.api.pipeline;version=\"[1.1,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path classes = Path.of(HandlerBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("io/edgebus/itest/handler");
        try (JarOutputStream jar = new JarOutputStream(bytes, mf); Stream<Path> files = Files.list(pkg)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                jar.putNextEntry(new JarEntry("io/edgebus/itest/handler/" + p.getFileName()));
                try (InputStream in = Files.newInputStream(p)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
