package dev.uploadgate.functions.rules;

import static dev.uploadgate.functions.rules.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartSizingTest {

    @Test
    void partSizeFor_smallFile_isTheEightMibDefault() {
        assertThat(PartSizing.partSizeFor(0)).isEqualTo(8 * MIB);
        assertThat(PartSizing.partSizeFor(100 * MIB)).isEqualTo(8 * MIB);
    }

    @Test
    void partSizeFor_fileNeedingMoreThanTenThousandParts_growsToWholeMibs() {
        long size = 100L * 1024 * MIB; // 100 GiB

        long partSize = PartSizing.partSizeFor(size);

        assertThat(partSize % MIB).isZero();
        assertThat(PartSizing.partCountFor(size, partSize)).isLessThanOrEqualTo(PartNumbers.MAX);
        assertThat(partSize).isEqualTo(11 * MIB);
    }

    @Test
    void partSizeFor_largestObject_fitsInTenThousandPartsOfAtMostFiveGib() {
        long partSize = PartSizing.partSizeFor(5L * 1024 * 1024 * MIB);

        assertThat(partSize).isLessThanOrEqualTo(PartSizing.MAX_PART_SIZE);
        assertThat(PartSizing.partCountFor(5L * 1024 * 1024 * MIB, partSize)).isLessThanOrEqualTo(PartNumbers.MAX);
    }

    @Test
    void partCountFor_exactMultipleAndOneByteMore_countsParts() {
        assertThat(PartSizing.partCountFor(16 * MIB, 8 * MIB)).isEqualTo(2);
        assertThat(PartSizing.partCountFor(16 * MIB + 1, 8 * MIB)).isEqualTo(3);
        assertThat(PartSizing.partCountFor(0, 8 * MIB)).isEqualTo(1);
    }
}
