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
  // such as "{value}%" or "{value} zł" keeps its text around the number; an axis's fractionDigits
  // (money) fixes its decimals. The tooltip uses the first value axis's template, and a series on
  // another y axis (yAxisIndex) that axis's.
  localizeNumbers(option, lang) {
    // Java groups from 1 000 on; Intl's default would leave four-digit Polish numbers ungrouped.
    const numberFormat = digits => new Intl.NumberFormat(lang || undefined, digits === undefined
      ? { useGrouping: 'always' }
      : { useGrouping: 'always', minimumFractionDigits: digits, maximumFractionDigits: digits });
    const formatter = (template, digits) => {
      const number = numberFormat(digits);
      return value => typeof value === 'number' ? template.replace('{value}', number.format(value)) : value;
    };
    const localize = axis => {
      axis.axisLabel = axis.axisLabel || {};
      const template = typeof axis.axisLabel.formatter === 'string' ? axis.axisLabel.formatter : '{value}';
      axis.axisLabel.formatter = formatter(template);
      const tooltip = formatter(template, axis.fractionDigits);
      delete axis.fractionDigits;
      return tooltip;
    };
    const yAxes = [].concat(option.yAxis || []);
    const yTooltips = yAxes.map(axis => axis.type === 'value' ? localize(axis) : null);
    const xTooltips = [].concat(option.xAxis || []).map(axis => axis.type === 'value' ? localize(axis) : null);
    const first = yTooltips.concat(xTooltips).find(f => f) || formatter('{value}');
    if (option.tooltip) option.tooltip.valueFormatter = first;
    [].concat(option.series || []).forEach(series => {
      const own = typeof series.yAxisIndex === 'number' ? yTooltips[series.yAxisIndex] : null;
      if (own) series.tooltip = Object.assign({}, series.tooltip, { valueFormatter: own });
    });
  }
};
