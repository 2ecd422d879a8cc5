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
      element.$chart.setOption(option, true);
    };
    draw();
  }
};
