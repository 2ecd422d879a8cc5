// Renders an ECharts option (JSON from the server) into an element and keeps it sized.
// Scripts load in order but a render can be asked for before ECharts arrives, so it waits.
window.appEcharts = window.appEcharts || {
  render(element, optionJson) {
    const draw = () => {
      if (!window.echarts) {
        setTimeout(draw, 50);
        return;
      }
      const dark = document.documentElement.getAttribute('theme') === 'dark';
      if (!element.$chart || element.$chartDark !== dark) {
        if (element.$chart) element.$chart.dispose();
        element.$chart = window.echarts.init(element, dark ? 'dark' : null, { renderer: 'svg' });
        element.$chartDark = dark;
        new ResizeObserver(() => element.$chart && element.$chart.resize()).observe(element);
      }
      const option = JSON.parse(optionJson);
      if (dark) option.backgroundColor = 'transparent';
      window.appEcharts.localizeNumbers(option, element.lang);
      element.$chart.setOption(option, true);
    };
    draw();
  },

  // Numbers on value axes and in tooltips as the chart's language writes them, like the rest of
  // the page ("14 000" and "67,8%" in Polish) instead of ECharts' English "14,000". A label template
  // such as "{value}%" keeps its text around the number; the tooltip uses the first value axis's.
  localizeNumbers(option, lang) {
    // Java groups from 1 000 on; Intl's default would leave four-digit Polish numbers ungrouped.
    const number = new Intl.NumberFormat(lang || undefined, { useGrouping: 'always' });
    const formatter = template => value =>
      typeof value === 'number' ? template.replace('{value}', number.format(value)) : value;
    const valueAxes = [].concat(option.yAxis || [], option.xAxis || []).filter(axis => axis.type === 'value');
    let tooltipTemplate = '{value}';
    valueAxes.forEach((axis, index) => {
      axis.axisLabel = axis.axisLabel || {};
      const template = typeof axis.axisLabel.formatter === 'string' ? axis.axisLabel.formatter : '{value}';
      if (index === 0) tooltipTemplate = template;
      axis.axisLabel.formatter = formatter(template);
    });
    if (option.tooltip) option.tooltip.valueFormatter = formatter(tooltipTemplate);
  }
};
