/**
 * What VS Code puts on a webview page for a theme: `--vscode-*` variables on `<html>` and a body class
 * with `data-vscode-theme-kind`. The values are those of VS Code's default Light Modern, Dark Modern
 * and Dark High Contrast themes, for the variables the chart page and the toolkit read.
 */

/** A theme as the webview sees it. */
export interface WebviewTheme {
  /** The body class and `data-vscode-theme-kind`. */
  kind: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';
  /** `--vscode-*` variables (without the prefix). */
  vars: Record<string, string>;
}

const font = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
};

/** Light Modern. */
export const light: WebviewTheme = {
  kind: 'vscode-light',
  vars: {
    ...font,
    foreground: '#3b3b3b',
    descriptionForeground: '#3b3b3b',
    'editor-background': '#ffffff',
    'editor-foreground': '#3b3b3b',
    'editorWidget-background': '#f8f8f8',
    'editorWidget-border': '#e5e5e5',
    'editorHoverWidget-background': '#f8f8f8',
    'editorHoverWidget-foreground': '#3b3b3b',
    'editorHoverWidget-border': '#c8c8c8',
    'editorWarning-foreground': '#bf8803',
    'textBlockQuote-background': '#f8f8f8',
    'panel-border': '#e5e5e5',
    'charts-foreground': '#616161',
    'charts-lines': 'rgba(97, 97, 97, 0.5)',
    'charts-blue': '#1a85ff',
    'charts-orange': '#d18616',
    'charts-red': '#e51400',
    'charts-green': '#388a34',
    'charts-yellow': '#bf8803',
    'charts-purple': '#652d90',
    'focusBorder': '#005fb8',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'button-border': 'rgba(0, 0, 0, 0.1)',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'button-secondaryHoverBackground': '#cccccc',
    'list-hoverBackground': '#f2f2f2',
    'list-activeSelectionBackground': '#e8e8e8',
    'list-activeSelectionForeground': '#000000',
    'list-inactiveSelectionBackground': '#e4e6f1',
    'textLink-foreground': '#005fb8',
    'textLink-activeForeground': '#005fb8',
    'keybindingTable-headerBackground': 'rgba(59, 59, 59, 0.04)',
    'quickInput-background': '#f8f8f8',
  },
};

/** Dark Modern. */
export const dark: WebviewTheme = {
  kind: 'vscode-dark',
  vars: {
    ...font,
    foreground: '#cccccc',
    descriptionForeground: '#9d9d9d',
    'editor-background': '#1f1f1f',
    'editor-foreground': '#cccccc',
    'editorWidget-background': '#202020',
    'editorWidget-border': '#313131',
    'editorHoverWidget-background': '#202020',
    'editorHoverWidget-foreground': '#cccccc',
    'editorHoverWidget-border': '#454545',
    'editorWarning-foreground': '#cca700',
    'textBlockQuote-background': '#2b2b2b',
    'panel-border': '#2b2b2b',
    'charts-foreground': '#cccccc',
    'charts-lines': 'rgba(204, 204, 204, 0.5)',
    'charts-blue': '#3794ff',
    'charts-orange': '#d18616',
    'charts-red': '#f14c4c',
    'charts-green': '#89d185',
    'charts-yellow': '#cca700',
    'charts-purple': '#b180d7',
    'focusBorder': '#0078d4',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'button-border': 'rgba(255, 255, 255, 0.07)',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'button-secondaryHoverBackground': '#3c3c3c',
    'list-hoverBackground': '#2a2d2e',
    'list-activeSelectionBackground': '#04395e',
    'list-activeSelectionForeground': '#ffffff',
    'list-inactiveSelectionBackground': '#37373d',
    'textLink-foreground': '#4daafc',
    'textLink-activeForeground': '#4daafc',
    'keybindingTable-headerBackground': 'rgba(204, 204, 204, 0.04)',
    'quickInput-background': '#222222',
  },
};

/** Dark High Contrast. */
export const highContrast: WebviewTheme = {
  kind: 'vscode-high-contrast',
  vars: {
    ...font,
    foreground: '#ffffff',
    descriptionForeground: 'rgba(255, 255, 255, 0.7)',
    'editor-background': '#000000',
    'editor-foreground': '#ffffff',
    'editorWidget-background': '#0c141f',
    'editorWidget-border': '#6fc3df',
    'editorHoverWidget-background': '#0c141f',
    'editorHoverWidget-foreground': '#ffffff',
    'editorHoverWidget-border': '#6fc3df',
    'editorWarning-foreground': '#ffd370',
    'textBlockQuote-background': '#000000',
    'panel-border': '#6fc3df',
    'contrastBorder': '#6fc3df',
    'contrastActiveBorder': '#f38518',
    'charts-foreground': '#ffffff',
    'charts-lines': 'rgba(255, 255, 255, 0.5)',
    'charts-blue': '#3794ff',
    'charts-orange': '#d18616',
    'charts-red': '#f14c4c',
    'charts-green': '#89d185',
    'charts-yellow': '#ffd370',
    'charts-purple': '#b180d7',
    'focusBorder': '#f38518',
    'button-background': '#000000',
    'button-foreground': '#ffffff',
    'button-border': '#6fc3df',
    'button-secondaryForeground': '#ffffff',
    'list-hoverBackground': 'rgba(0, 0, 0, 0)',
    'list-activeSelectionForeground': '#ffffff',
    'textLink-foreground': '#21a6ff',
    'textLink-activeForeground': '#21a6ff',
  },
};
