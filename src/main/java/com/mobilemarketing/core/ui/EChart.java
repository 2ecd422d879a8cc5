package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.ops.VersionedResources;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.shared.ui.LoadMode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart driven from Java: the option object is built server-side and handed to
 * {@code echarts.setOption} in the browser by {@code frontend/echart-connector.js}. ECharts itself
 * comes from its webjar, so no front-end bundle build is needed. The chart's {@code lang} attribute
 * carries the UI locale: the connector writes axis and tooltip numbers in it, as {@link Formats}
 * writes the rest of the page ("14 000" in Polish, not ECharts' English "14,000").
 */
public class EChart extends Div {

    static final String ECHARTS_URL = "webjars/echarts/5.3.1/dist/echarts.min.js";
    /** With its content hash, so browsers keep it until it changes (the webjar's path has its version). */
    static final String CONNECTOR_URL = VersionedResources.path("app/echart-connector.js");

    private static final String SCRIPTS_LOADED = EChart.class.getName() + ".scripts";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String optionJson = "{}";
    /** A render is scheduled for the next response: several options set in one request draw once. */
    private boolean renderScheduled;

    public EChart() {
        addClassName("echart");
        getElement().setAttribute("role", "img");
    }

    /** Sets the chart's ECharts option: maps, lists, strings and numbers, as in the ECharts docs. */
    public void setOption(Object option) {
        optionJson = JSON.writeValueAsString(option);
        render();
    }

    public String getOptionJson() {
        return optionJson;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        getElement().setAttribute("lang", attachEvent.getUI().getLocale().toLanguageTag());
        loadScripts(attachEvent.getUI());
        render();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        // A scheduled render is dropped with the element; the next attach schedules it again.
        renderScheduled = false;
        super.onDetach(detachEvent);
    }

    /**
     * Draws the latest option once per response: a refresh sets an option and attaching draws it,
     * which used to send every chart's option twice in a page's first response and draw it twice.
     */
    private void render() {
        if (renderScheduled) {
            return;
        }
        renderScheduled = true;
        getElement()
                .getNode()
                .runWhenAttached(ui -> ui.beforeClientResponse(this, context -> {
                    renderScheduled = false;
                    getElement().executeJs("window.appEcharts.render(this, $0)", optionJson);
                }));
    }

    private static void loadScripts(UI ui) {
        if (ComponentUtil.getData(ui, SCRIPTS_LOADED) == null) {
            ComponentUtil.setData(ui, SCRIPTS_LOADED, Boolean.TRUE);
            // ECharts (1 MB) loads beside the page instead of before it: Vaadin applies a response
            // only after its eager scripts have run, so the tiles and the grid would wait for it.
            // The small connector stays eager (every render calls it) and waits for ECharts itself.
            ui.getPage().addJavaScript(ECHARTS_URL, LoadMode.LAZY);
            ui.getPage().addJavaScript(CONNECTOR_URL);
        }
    }
}
