import {GraphModel} from "@web/views/graph/graph_model";
import {graphView} from "@web/views/graph/graph_view";
import {registry} from "@web/core/registry";

/**
 * A graph that draws every measure of its arch side by side (plan and fact,
 * entry and exit) while one of them is selected: each measure is a series.
 * Another measure chosen in the Measures menu is drawn alone, as usual.
 */
export class SideBySideGraphModel extends GraphModel {
    async _loadDataPoints(metaData) {
        const measures = metaData.viewMeasures || [];
        if (measures.length < 2 || !measures.includes(metaData.measure)) {
            return super._loadDataPoints(metaData);
        }
        const series = await Promise.all(
            measures.map((measure) => super._loadDataPoints({...metaData, measure}))
        );
        return measures.flatMap((measure, index) => {
            const label =
                metaData.fieldAttrs[measure]?.string || metaData.fields[measure].string;
            return series[index].map((dataPoint) => ({
                ...dataPoint,
                labels: [...dataPoint.labels, label],
                identifier: `${dataPoint.identifier}|${measure}`,
            }));
        });
    }
}

registry.category("views").add("mentorship_side_by_side_graph", {
    ...graphView,
    Model: SideBySideGraphModel,
});
