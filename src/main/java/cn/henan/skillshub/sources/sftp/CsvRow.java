package cn.henan.skillshub.sources.sftp;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one CSV line by column name, in the header's order: the values of the line over the header's own
 * column index, shared by every line of the file. Read-only. A map of its own per line (17 entries, a million lines)
 * was a twentieth of the hub's CPU time on big files, allocation and garbage collection included.
 */
final class CsvRow extends AbstractMap<String, Object> {

    private final List<String> header;
    private final Map<String, Integer> columns;
    private final List<String> values;

    /**
     * @param columns each column name's index in {@code header}
     * @param values  as many as the header has columns
     */
    CsvRow(List<String> header, Map<String, Integer> columns, List<String> values) {
        this.header = header;
        this.columns = columns;
        this.values = values;
    }

    @Override
    public Object get(Object column) {
        Integer index = columns.get(column);
        return index == null ? null : values.get(index);
    }

    @Override
    public boolean containsKey(Object column) {
        return columns.containsKey(column);
    }

    @Override
    public int size() {
        return header.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < header.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(header.get(index), values.get(index));
                    }
                };
            }

            @Override
            public int size() {
                return header.size();
            }
        };
    }
}
