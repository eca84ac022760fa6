package io.imagineflow.aws;

import com.oracle.svm.core.annotate.TargetClass;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.zip.Checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native-image substitutions still fit the SDK they replace code in: a newer SDK that renamed the field or
 * the method would otherwise surface only as a failed native build, minutes later and on another machine.
 */
class CrtChecksumSubstitutionsTest {

    @Test
    void theSubstitutedSdkClassesStillHaveTheFieldAndMethodReplaced() throws Exception {
        assertTargets(Target_Crc32CChecksum.class, "crc32c");
        assertTargets(Target_Crc32Checksum.class, "crc32");
    }

    private static void assertTargets(Class<?> substitution, String field) throws Exception {
        Class<?> target =
                Class.forName(substitution.getAnnotation(TargetClass.class).className());
        assertEquals(Checksum.class, target.getDeclaredField(field).getType(), target + "." + field);
        assertTrue(Modifier.isPrivate(
                target.getDeclaredMethod("cloneChecksum", Checksum.class).getModifiers()));
        target.getDeclaredConstructor();
    }
}
