package cn.henan.skillshub.reference;

import java.util.List;

/**
 * A training institution of the catalogue (Annex 2 of the plan).
 *
 * @param name        name as Annex 2 writes it
 * @param cityCode    GB/T 2260 code of the city of its seat, whose HRSS bureau settles its subsidies
 * @param occupations the occupations it may train
 */
public record Institution(String name, String cityCode, List<CatalogueEntry> occupations) {

    public Institution {
        occupations = List.copyOf(occupations);
    }
}
