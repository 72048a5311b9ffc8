package cn.henan.skillshub.reference;

import java.util.List;

/**
 * Published (as a Spring application event) after {@link ReferenceData#addSubsidyStandardVersion} has made a new
 * version of the subsidy standard visible, so that whoever waits for a standard — the settlement service's held
 * claims — can look again.
 *
 * @param version id of the version just added
 * @param cells   its cells, as stored (plan codes and names)
 */
public record SubsidyStandardVersionAdded(String version, List<SubsidyStandard> cells) {

    public SubsidyStandardVersionAdded {
        cells = List.copyOf(cells);
    }
}
