package io.imagineflow.aws;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import software.amazon.awssdk.http.auth.aws.internal.signer.checksums.SdkCrc32CChecksum;
import software.amazon.awssdk.http.auth.aws.internal.signer.checksums.SdkCrc32Checksum;

import java.util.zip.Checksum;

/**
 * Native image only: the SDK's signer picks the AWS CRT's CRC32/CRC32C when that library is on the class path,
 * which it never is here (the CRT is a large JNI library this project does not ship). The branch still names the
 * CRT classes, and a native image that links at build time refuses a class that names missing types
 * (aws/aws-sdk-java-v2#4803). These substitutions keep only the pure-Java branch the JVM takes anyway.
 */
final class CrtChecksumSubstitutions {

    private CrtChecksumSubstitutions() {}
}

@TargetClass(className = "software.amazon.awssdk.http.auth.aws.internal.signer.checksums.Crc32CChecksum")
final class Target_Crc32CChecksum {

    @Alias
    private Checksum crc32c;

    @Substitute
    Target_Crc32CChecksum() {
        crc32c = SdkCrc32CChecksum.create();
    }

    @Substitute
    private Checksum cloneChecksum(Checksum checksum) {
        if (checksum instanceof SdkCrc32CChecksum) {
            return ((SdkCrc32CChecksum) checksum).clone();
        }
        throw new IllegalStateException("Unsupported checksum");
    }
}

@TargetClass(className = "software.amazon.awssdk.http.auth.aws.internal.signer.checksums.Crc32Checksum")
final class Target_Crc32Checksum {

    @Alias
    private Checksum crc32;

    @Substitute
    Target_Crc32Checksum() {
        crc32 = SdkCrc32Checksum.create();
    }

    @Substitute
    private Checksum cloneChecksum(Checksum checksum) {
        if (checksum instanceof SdkCrc32Checksum) {
            return ((SdkCrc32Checksum) checksum).clone();
        }
        throw new IllegalStateException("Unsupported checksum");
    }
}
