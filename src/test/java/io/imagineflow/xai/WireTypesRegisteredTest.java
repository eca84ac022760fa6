package io.imagineflow.xai;

import io.imagineflow.xai.wire.Media;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The native executable can only bind what is registered: every class of the wire package must be. */
class WireTypesRegisteredTest {

    @Test
    void everyWireClassIsRegisteredForReflection() throws Exception {
        // The main classes folder, not the test one that holds the same package.
        URL classes = Media.class.getProtectionDomain().getCodeSource().getLocation();
        Set<String> present;
        try (Stream<Path> files = Files.list(Path.of(classes.toURI()).resolve("io/imagineflow/xai/wire"))) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> "io.imagineflow.xai.wire." + n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.equals("io.imagineflow.xai.wire.MediaJson"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        RegisterForReflection registration = XaiWireTypes.class.getAnnotation(RegisterForReflection.class);
        Set<String> registered = Stream.concat(
                        Arrays.stream(registration.targets()).map(Class::getName),
                        Arrays.stream(registration.classNames()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(present, registered);
    }
}
