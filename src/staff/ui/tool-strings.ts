import type { Language } from '../../core/config';

// The product picker's and the quick replies' words, kept out of the widget's dictionaries (the
// customer's page never loads them) and out of the inbox's own strings file.
const ES = {
  pickerLabel: 'Buscar en el catálogo',
  pickerPlaceholder: 'Nombre, referencia o moto',
  pickerResults: 'Productos',
  pickerCount: '{count} productos',
  pickerNone: 'Ningún producto coincide.',
  pickerStock: '{count} en existencia',
  pickerOutOfStock: 'Agotado',
  pickerOpen: 'Enviar un producto',
  pickerNotSent: 'Sin conexión: el producto no se envió.',
  pickerLoadFailed: 'No se pudo cargar el catálogo.',
  quickReplies: 'Respuestas rápidas',
  quickInsert: 'Insertar',
  quickEdit: 'Editar',
  quickRemove: 'Eliminar',
  quickUp: 'Subir',
  quickDown: 'Bajar',
  quickAdd: 'Agregar respuesta',
  quickTitle: 'Título',
  quickText: 'Texto',
  quickSave: 'Guardar',
  quickCancel: 'Cancelar',
  quickInvalid: 'El texto no puede estar vacío ni pasar de {max} caracteres.',
  quickFull: 'Ya hay {max} respuestas: elimina una primero.',
  quickNotSaved: 'No se pudo guardar en el servidor; se guardó en este navegador.',
};
export type ToolStrings = typeof ES;

const EN: ToolStrings = {
  pickerLabel: 'Search the catalog',
  pickerPlaceholder: 'Name, SKU or bike',
  pickerResults: 'Products',
  pickerCount: '{count} products',
  pickerNone: 'No product matches.',
  pickerStock: '{count} in stock',
  pickerOutOfStock: 'Out of stock',
  pickerOpen: 'Send a product',
  pickerNotSent: 'Offline: the product was not sent.',
  pickerLoadFailed: 'The catalog could not load.',
  quickReplies: 'Quick replies',
  quickInsert: 'Insert',
  quickEdit: 'Edit',
  quickRemove: 'Delete',
  quickUp: 'Move up',
  quickDown: 'Move down',
  quickAdd: 'Add reply',
  quickTitle: 'Title',
  quickText: 'Text',
  quickSave: 'Save',
  quickCancel: 'Cancel',
  quickInvalid: 'The text cannot be empty or longer than {max} characters.',
  quickFull: 'There are already {max} replies: delete one first.',
  quickNotSaved: 'Could not save on the server; saved in this browser.',
};

const PT: ToolStrings = {
  pickerLabel: 'Buscar no catálogo',
  pickerPlaceholder: 'Nome, referência ou moto',
  pickerResults: 'Produtos',
  pickerCount: '{count} produtos',
  pickerNone: 'Nenhum produto corresponde.',
  pickerStock: '{count} em estoque',
  pickerOutOfStock: 'Esgotado',
  pickerOpen: 'Enviar um produto',
  pickerNotSent: 'Sem conexão: o produto não foi enviado.',
  pickerLoadFailed: 'Não foi possível carregar o catálogo.',
  quickReplies: 'Respostas rápidas',
  quickInsert: 'Inserir',
  quickEdit: 'Editar',
  quickRemove: 'Excluir',
  quickUp: 'Subir',
  quickDown: 'Descer',
  quickAdd: 'Adicionar resposta',
  quickTitle: 'Título',
  quickText: 'Texto',
  quickSave: 'Salvar',
  quickCancel: 'Cancelar',
  quickInvalid: 'O texto não pode estar vazio nem passar de {max} caracteres.',
  quickFull: 'Já existem {max} respostas: exclua uma primeiro.',
  quickNotSaved: 'Não foi possível salvar no servidor; salvo neste navegador.',
};

const FR: ToolStrings = {
  pickerLabel: 'Rechercher dans le catalogue',
  pickerPlaceholder: 'Nom, référence ou moto',
  pickerResults: 'Produits',
  pickerCount: '{count} produits',
  pickerNone: 'Aucun produit ne correspond.',
  pickerStock: '{count} en stock',
  pickerOutOfStock: 'Épuisé',
  pickerOpen: 'Envoyer un produit',
  pickerNotSent: 'Hors ligne : le produit n’a pas été envoyé.',
  pickerLoadFailed: 'Le catalogue n’a pas pu être chargé.',
  quickReplies: 'Réponses rapides',
  quickInsert: 'Insérer',
  quickEdit: 'Modifier',
  quickRemove: 'Supprimer',
  quickUp: 'Monter',
  quickDown: 'Descendre',
  quickAdd: 'Ajouter une réponse',
  quickTitle: 'Titre',
  quickText: 'Texte',
  quickSave: 'Enregistrer',
  quickCancel: 'Annuler',
  quickInvalid: 'Le texte ne peut être ni vide ni dépasser {max} caractères.',
  quickFull: 'Il y a déjà {max} réponses : supprimez-en une d’abord.',
  quickNotSaved: 'Enregistrement sur le serveur impossible ; gardé dans ce navigateur.',
};

const TABLES: Record<Language, ToolStrings> = { es: ES, en: EN, pt: PT, fr: FR };

/**
 * The picker's and quick replies' strings in the staff member's language (Spanish by default).
 * @example fillTool(toolStrings('en').pickerCount, { count: 3 }) // '3 products'
 */
export const toolStrings = (language: Language = 'es'): ToolStrings => TABLES[language] ?? ES;

/** Fills `{name}` placeholders. @example fillTool('{count} productos', { count: 2 }) // '2 productos' */
export const fillTool = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
