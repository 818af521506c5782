import './base.css';
import './catalog.css';
import './authoring.css';
